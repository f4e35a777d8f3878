-- The AMM's starting pools: `tix amm seed` defines each raw material and opens its pool, issuing both
-- reserves from mint. Pools that already exist are left alone, so edits here shape new pools only.
-- See rules/README.md.
--
-- Each entry: the raw material's code, the items in its pool, and the tickets (minor units: 100 = 1
-- ticket) against them. The opening price is tickets / items; the more of both, the less a trade moves it.

local TICKET = 100
local DEPTH = 20000 * TICKET   -- every pool opens with 20,000 tickets, so each is as hard to move

pools = {
  { asset = "wood",     items = 100000, tickets = DEPTH },   -- 0.20 a log: plentiful
  { asset = "ore",      items = 40000,  tickets = DEPTH },   -- 0.50 a lump
  { asset = "crystal",  items = 10000,  tickets = DEPTH },   -- 2.00 a crystal
  { asset = "gemstone", items = 2000,   tickets = DEPTH },   -- 10.00 a stone: rare
}
