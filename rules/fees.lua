-- Transfer fees: the L1's ticket sink. See rules/README.md.
--
-- fee(t) returns the fee in minor units (1 ticket = 100), paid by the sender on top of the amount.
--   t.amount     minor units being sent (> 0)
--   t.asset      "TIX" for tickets, else an item code
--   t.from, t.to account names
--   t.from_kind, t.to_kind   "player", "org" (a company, a state, a game server) or "system"

local RATE_BP = 50       -- 0.50 % of the amount
local MIN_FEE = 1        -- at least 0.01 ticket...
local MAX_FEE = 500      -- ...and at most 5 tickets
local FREE_BELOW = 100   -- payments under 1 ticket are free, so tappers can tip each other

-- amount * bp / 10000 without overflowing 64-bit integers, rounded down.
local function share(amount, bp)
  return (amount // 10000) * bp + (amount % 10000) * bp // 10000
end

function fee(t)
  if t.asset ~= "TIX" or t.amount < FREE_BELOW or t.to_kind == "system" then
    return 0
  end
  local f = share(t.amount, RATE_BP)
  if t.to_kind == "org" then
    f = f // 2   -- paying into a company or a state costs half
  end
  return math.min(math.max(f, MIN_FEE), MAX_FEE)
end

examples = {
  { call = "fee", args = { { amount = 99, asset = "TIX", to_kind = "player" } }, expect = 0 },
  { call = "fee", args = { { amount = 100, asset = "TIX", to_kind = "player" } }, expect = 1 },
  { call = "fee", args = { { amount = 10000, asset = "TIX", to_kind = "player" } }, expect = 50 },
  { call = "fee", args = { { amount = 10000, asset = "TIX", to_kind = "org" } }, expect = 25 },
  { call = "fee", args = { { amount = 10000000, asset = "TIX", to_kind = "player" } }, expect = 500 },
  { call = "fee", args = { { amount = 9223372036854775807, asset = "TIX", to_kind = "player" } }, expect = 500 },
  { call = "fee", args = { { amount = 10000, asset = "ore", to_kind = "player" } }, expect = 0 },
  { call = "fee", args = { { amount = 10000, asset = "TIX", to_kind = "system" } }, expect = 0 },
}
