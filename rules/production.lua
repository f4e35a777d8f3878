-- Factories: what they cost and what their components do. See rules/README.md.
--
-- build_cost(f)   f.factories: how many the player owns already.   Returns ticket minor units.
-- fit_cost(c)     c.component, c.fitted: how many of it are fitted. Returns ticket minor units.
-- modifiers(f)    f.components: fitted counts by item, e.g. { forge = 1, assembler = 2 }.
--                 Returns { slots = crafts at once, speed_pct = 100 for normal speed }:
--                 slots 1 to 1000000 and speed_pct 1 to 10000, or the craft is refused.
-- cancel_fee(c)   c.recipe, c.inputs: the cancelled craft's inputs by item, e.g. { lens = 1, iron_ingot = 1 }.
--                 Returns the items burned out of them, e.g. { lens = 1 }; the rest returns to the player.
-- Costs are fees: sinks.lua splits them (source "factory").

local FIRST_FACTORY = 5000   -- 50 tickets, then 50 more for each factory already owned
local FIT = 1000             -- 10 tickets to fit a component
local CANCEL_SHARE = 10      -- a cancelled craft burns 10 % of each input, rounded up: never free

function build_cost(f)
  return FIRST_FACTORY * (f.factories + 1)
end

function fit_cost(c)
  return FIT
end

function modifiers(f)
  local c = f.components
  local assemblers = c.assembler or 0
  local forges = c.forge or 0
  -- one line, plus one per assembler; every forge past the first adds 25 % speed, up to double
  return { slots = 1 + assemblers, speed_pct = 100 + 25 * math.min(math.max(forges - 1, 0), 4) }
end

function cancel_fee(c)
  local fee = {}
  for item, quantity in pairs(c.inputs) do
    fee[item] = -(-quantity * CANCEL_SHARE // 100)   -- rounded up; quantities are far below overflow
  end
  return fee
end

examples = {
  { call = "build_cost", args = { { factories = 0 } }, expect = 5000 },
  { call = "build_cost", args = { { factories = 2 } }, expect = 15000 },
  { call = "modifiers", args = { { components = {} } }, expect = { slots = 1, speed_pct = 100 } },
  { call = "modifiers", args = { { components = { forge = 3, assembler = 2 } } }, expect = { slots = 3, speed_pct = 150 } },
  { call = "cancel_fee", args = { { recipe = "jewel", inputs = { lens = 1, iron_ingot = 1 } } }, expect = { lens = 1, iron_ingot = 1 } },
  { call = "cancel_fee", args = { { recipe = "forge", inputs = { ore = 25, wood = 10 } } }, expect = { ore = 3, wood = 1 } },
}
