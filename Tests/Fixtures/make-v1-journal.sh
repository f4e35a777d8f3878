#!/bin/sh
# Builds journal-v1.sqlite: a small economy written by the previous release's `tix` (journal format 1),
# touching every command kind, so the current engine is tested against journals written before it.
# Usage: TIX=/path/to/old/tix RULES=rules RECIPES=recipes sh make-v1-journal.sh OUT.sqlite
# RULES and RECIPES must be the rules/ and recipes/ of that release. Takes about four minutes:
# crafts complete only while `tix serve` runs its job worker.
set -eu
out=$1
db=$(mktemp -d)/journal.sqlite
t() { "$TIX" "$@" --db "$db" --rules "$RULES" --recipes "$RECIPES" >/dev/null; }

t account create alice; t account create bob; t account create carol
t mint alice 1000 --memo "opening grant"; t mint bob 50
t transfer alice bob 12.50 --memo "lunch" --as alice
t transfer bob carol 3 --as bob
t post alice:bob:5 bob:sink:1 --memo "split bill"
t reward claim bob --as bob
t reward claim alice --kind tap --as alice

t amm seed
t amm swap alice buy ore 10 --exact-out --max-in 5.50 --as alice
t amm swap alice sell ore 4 --min-out 1.50 --as alice
t amm swap alice buy wood 10 --max-in 2.10 --as alice

# Components and intermediate goods come from the admin, to keep the fixture quick to make.
t asset define forge --kind component; t asset define lab --kind component
t asset define assembler --kind component
t asset define iron_ingot --kind product; t asset define lens --kind product
t post mint:alice:2:forge mint:alice:1:lab mint:alice:2:assembler mint:alice:10:iron_ingot mint:alice:4:lens
t factory build alice Smithy --as alice
t factory build alice Works --as alice
for c in forge lab assembler assembler; do t factory fit alice 1 $c --as alice; done
t factory fit alice 2 forge --as alice

# The market: a sell filled in two parts, a cancelled order, one that expires, one still open.
t market sell alice iron_ingot 3 1.50 --as alice
t market buy bob iron_ingot 1 1.60 --as bob
t market buy bob iron_ingot 2 1.50 --as bob
t market sell alice iron_ingot 2 2.00 --as alice
t market cancel alice 4 --as alice
t market buy carol iron_ingot 1 1.00 --expires-in 1m --as carol

# Crafts: jewels (variable yield), one cancelled, and a repeating line of iron ingots that stops when
# the ore runs out (6 ore: three rounds of a minute).
t craft start alice 1 jewel --as alice
t craft start alice 1 jewel --as alice
t craft start alice 1 jewel --as alice
t craft cancel alice 3 --as alice
t craft start alice 2 iron_ingot --repeats --as alice

"$TIX" serve --db "$db" --rules "$RULES" --recipes "$RECIPES" >/dev/null 2>&1 &
serve=$!
sleep 200
kill -TERM $serve; wait $serve || true

# Left pending for the new engine: a jewel (its pair rolled at start, format 1), an ingot, an expiry.
t amm swap alice buy ore 2 --exact-out --max-in 1.50 --as alice
t craft start alice 1 jewel --as alice
t craft start alice 2 iron_ingot --as alice
t market buy carol iron_ingot 1 1.00 --expires-in 1h --as carol
"$TIX" verify --db "$db" --rules "$RULES" --recipes "$RECIPES"
sqlite3 "$db" "PRAGMA journal_mode=DELETE; VACUUM;"
cp "$db" "$out"
