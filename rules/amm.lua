-- The AMM's swap fee. See rules/README.md.
--
-- fee_bp(s) returns the fee rate in basis points (1 bp = 0.01 %), 0 to 9999. The fee is taken from
-- what the trader pays, rounded up to a whole minor unit, and split by sinks.lua (source "amm").
--   s.asset    the pool's raw material, e.g. "ore"
--   s.side     "buy" (the trader pays tickets) or "sell" (the trader pays the item)
--   s.exact    "input" when s.amount is what the trader pays, "output" when it is what they receive
--   s.amount   minor units of that side (> 0)

local RATE_BP = 30   -- 0.30 %, Uniswap v2's rate

-- Items do not split: a fee on a few ore would round up to a whole ore, so a sell too small to owe one
-- whole item at the rate pays none (selling 1 ore must be possible; it still moves the price).
local SMALL_SELL = (10000 + RATE_BP - 1) // RATE_BP   -- 334 items at 30 bp

function fee_bp(s)
  if s.side == "sell" and s.exact == "input" and s.amount < SMALL_SELL then
    return 0
  end
  return RATE_BP
end

examples = {
  { call = "fee_bp", args = { { asset = "ore", side = "buy", exact = "input", amount = 1000 } }, expect = 30 },
  { call = "fee_bp", args = { { asset = "ore", side = "sell", exact = "input", amount = 1 } }, expect = 0 },
  { call = "fee_bp", args = { { asset = "ore", side = "sell", exact = "input", amount = 333 } }, expect = 0 },
  { call = "fee_bp", args = { { asset = "ore", side = "sell", exact = "input", amount = 334 } }, expect = 30 },
  { call = "fee_bp", args = { { asset = "gemstone", side = "sell", exact = "output", amount = 5 } }, expect = 30 },
}
