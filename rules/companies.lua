-- What it costs to found an organization. See rules/README.md.
--
-- creation_fee(c): tickets (minor units) the founder pays to open a company or a state. The fee is
-- split between burning and the treasury by sinks.lua (source "org_creation").
--   c.kind     "company" or "state"
--   c.name     the new org's account name
--   c.founder  the founding player
-- Returns a non-negative integer.

local COMPANY_FEE = 10000   -- 100 tickets
local STATE_FEE = 50000     -- 500 tickets

function creation_fee(c)
  if c.kind == "state" then return STATE_FEE end
  return COMPANY_FEE
end

examples = {
  { call = "creation_fee", args = { { kind = "company", name = "acme", founder = "alice" } }, expect = 10000 },
  { call = "creation_fee", args = { { kind = "state", name = "utopia", founder = "alice" } }, expect = 50000 },
}
