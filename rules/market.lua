-- The P2P market's fee. See rules/README.md.
--
-- fee(t) is what the seller pays out of one fill's proceeds, in ticket minor units; it is then split
-- by sinks.lua like every fee.
--   t.asset      the item traded
--   t.quantity   units in this fill
--   t.price      ticket minor units per unit (the resting order's price)
--   t.total      quantity * price
-- Returns an integer between 0 and t.total.

local RATE_BP = 100   -- 1 % of the proceeds
local MIN_FEE = 1     -- at least 0.01 ticket on trades of a ticket or more

function fee(t)
  if t.total < 100 then return 0 end
  local f = (t.total // 10000) * RATE_BP + (t.total % 10000) * RATE_BP // 10000
  return math.max(f, MIN_FEE)
end

examples = {
  { call = "fee", args = { { asset = "sword", quantity = 1, price = 99, total = 99 } }, expect = 0 },
  { call = "fee", args = { { asset = "sword", quantity = 2, price = 5000, total = 10000 } }, expect = 100 },
  { call = "fee", args = { { asset = "lens", quantity = 1, price = 150, total = 150 } }, expect = 1 },
}
