-- Where collected fees go. See rules/README.md.
--
-- split(f) divides one fee between burning it for good (the L1 sink) and the treasury account.
--   f.fee      minor units collected (> 0)
--   f.asset    "TIX" or an item code
--   f.source   what charged it: "transfer" or "amm" (later also "market", "factory")
-- Returns { burn = ..., treasury = ... }, two non-negative integers that add up to f.fee.

local TREASURY_BP = 0   -- L1 is budget-less: every fee is burned

function split(f)
  local treasury = (f.fee // 10000) * TREASURY_BP + (f.fee % 10000) * TREASURY_BP // 10000
  return { burn = f.fee - treasury, treasury = treasury }
end

examples = {
  { call = "split", args = { { fee = 50, asset = "TIX", source = "transfer" } }, expect = { burn = 50, treasury = 0 } },
  { call = "split", args = { { fee = 1, asset = "TIX", source = "transfer" } }, expect = { burn = 1, treasury = 0 } },
  { call = "split", args = { { fee = 2, asset = "ore", source = "amm" } }, expect = { burn = 2, treasury = 0 } },
}
