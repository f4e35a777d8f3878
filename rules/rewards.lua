-- Faucets: the daily reward and the tap reward for casual players. See rules/README.md.
--
-- daily(c) and tap(c) decide one claim.
--   c.now      journal time of the claim, ms since the epoch
--   c.last     time of the previous claim of this kind, 0 if never
--   c.streak   streak after the previous claim, 0 if never
-- Return { amount = minor units, streak = new streak, wait = ms }.
-- amount 0 means "not yet": the player is told to come back in `wait` ms.
-- math.random is seeded from the claim itself, so replays give the same amounts.

local SECOND = 1000
local HOUR = 3600 * SECOND

local DAILY_EVERY = 20 * HOUR      -- a little under a day, so the same time each day works
local DAILY_STREAK_LOST = 48 * HOUR
local DAILY_BASE = 1000            -- 10 tickets
local DAILY_STREAK_BONUS = 250     -- +2.50 per day in a row...
local DAILY_STREAK_CAP = 7         -- ...up to a week

local TAP_EVERY = 10 * SECOND
local TAP_STREAK_LOST = 60 * SECOND

-- The streak this claim makes, or nil when the previous claim is less than `every` ago.
local function next_streak(c, every, lost_after)
  local since = c.now - c.last
  if c.last > 0 and since < every then return nil end
  if c.last > 0 and since < lost_after then return c.streak + 1 end
  return 1
end

local function not_yet(c, every)
  return { amount = 0, streak = c.streak, wait = every - (c.now - c.last) }
end

function daily(c)
  local streak = next_streak(c, DAILY_EVERY, DAILY_STREAK_LOST)
  if not streak then return not_yet(c, DAILY_EVERY) end
  local bonus = math.min(streak, DAILY_STREAK_CAP) - 1
  return { amount = DAILY_BASE + bonus * DAILY_STREAK_BONUS, streak = streak, wait = DAILY_EVERY }
end

function tap(c)
  local streak = next_streak(c, TAP_EVERY, TAP_STREAK_LOST)
  if not streak then return not_yet(c, TAP_EVERY) end
  -- 0.05 to 0.10 tickets, plus a cent for every ten taps in a row (at most 0.05 more)
  local amount = math.random(5, 10) + math.min(streak // 10, 5)
  return { amount = amount, streak = streak, wait = TAP_EVERY }
end

examples = {
  { call = "daily", args = { { now = 100000000, last = 0, streak = 0 } },
    expect = { amount = 1000, streak = 1, wait = 72000000 } },
  { call = "daily", args = { { now = 200000000, last = 100000000, streak = 3 } },
    expect = { amount = 1750, streak = 4, wait = 72000000 } },
  { call = "daily", args = { { now = 110000000, last = 100000000, streak = 3 } },
    expect = { amount = 0, streak = 3, wait = 62000000 } },
  { call = "daily", args = { { now = 400000000, last = 100000000, streak = 9 } },
    expect = { amount = 1000, streak = 1, wait = 72000000 } },
  { call = "tap", args = { { now = 100005000, last = 100000000, streak = 4 } },
    expect = { amount = 0, streak = 4, wait = 5000 } },
}
