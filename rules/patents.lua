-- Patents on Parliament-adopted recipes. See rules/README.md.
-- Times are milliseconds, money minor units (100 = 1 ticket). Both functions are optional.
--
-- term(p)        how long a new patent lasts; afterwards the recipe is free to all [90 days]
--                p.recipe, p.inventor
-- sink_share(r)  the part of one royalty that goes the way of a fee (burned and to the treasury, as
--                sinks.lua splits it, source "royalty") instead of to the patent holder; 0 to r.royalty
--                [a tenth, rounded down]
--                r.recipe, r.royalty, r.holder, r.crafter

local DAY = 86400000

function term(p) return 90 * DAY end

function sink_share(r)
  return r.royalty // 10
end

examples = {
  { call = "term", args = { { recipe = "gear", inventor = "ada" } }, expect = 7776000000 },
  { call = "sink_share", args = { { recipe = "gear", royalty = 250, holder = "ada", crafter = "bob" } }, expect = 25 },
  { call = "sink_share", args = { { recipe = "gear", royalty = 9, holder = "ada", crafter = "bob" } }, expect = 0 },
}
