-- The Parliament's timetable, price and decision rule. See rules/README.md.
-- Times are milliseconds, money minor units (100 = 1 ticket). Every function is optional: without it,
-- the default in brackets applies.
--
-- The functions below get p, a proposal:
--   p.recipe    the recipe name proposed        p.inventor  who proposes it
--   p.replaces  true when it replaces a recipe of the genesis set (recipes/)
--   p.open      the inventor's other proposals still open
-- review_delay(p)   time between proposing and voting [1 day]; the inventor may cancel meanwhile
-- voting_period(p)  how long voting lasts [3 days]
-- veto_window(p)    after approval, how long the creator may veto [1 day]; then it is enacted
-- deposit(p)        escrowed at proposing: returned on enactment, cancel or expiry, burned on
--                   defeat or veto [10000 = 100 tickets]
-- max_open(p)       how many proposals one inventor may have open at once [1]
-- vote_changes(p)   true: a second vote replaces the first; false: it is refused [false]
--
-- Then, with t, the tally once voting closes (t.yes, t.no, t.abstain, t.votes = all three, and
-- t.eligible, the eligible voters of the snapshot):
-- quorum(t)  the fewest votes that decide; short of it the proposal expires [a tenth of t.eligible]
-- passes(t)  whether a vote that met its quorum adopts the recipe [t.yes > t.no]

local DAY = 86400000

function review_delay(p) return DAY end
function voting_period(p) return 3 * DAY end
function veto_window(p) return DAY end

function deposit(p)
  if p.replaces then return 50000 end   -- replacing a genesis recipe asks more
  return 10000
end

function max_open(p) return 1 end
function vote_changes(p) return false end

function quorum(t)
  return math.max(1, (t.eligible + 9) // 10)
end

-- A simple majority of those who took a side, and at least a third of all votes in favour.
function passes(t)
  return t.yes > t.no and 3 * t.yes >= t.votes
end

examples = {
  { call = "deposit", args = { { recipe = "gear", inventor = "ada", replaces = false, open = 0 } }, expect = 10000 },
  { call = "deposit", args = { { recipe = "lens", inventor = "ada", replaces = true, open = 0 } }, expect = 50000 },
  { call = "quorum", args = { { yes = 0, no = 0, abstain = 0, votes = 0, eligible = 25 } }, expect = 3 },
  { call = "quorum", args = { { yes = 0, no = 0, abstain = 0, votes = 0, eligible = 0 } }, expect = 1 },
  { call = "passes", args = { { yes = 3, no = 1, abstain = 0, votes = 4, eligible = 10 } }, expect = true },
  { call = "passes", args = { { yes = 2, no = 2, abstain = 0, votes = 4, eligible = 10 } }, expect = false },
  { call = "passes", args = { { yes = 2, no = 1, abstain = 6, votes = 9, eligible = 10 } }, expect = false },
}
