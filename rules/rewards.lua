-- Faucets: the daily reward, the tap reward, the starter pack and the invite reward. See rules/README.md.
--
-- daily(c), tap(c) and starter(c) decide one claim.
--   c.now           journal time of the claim, ms since the epoch
--   c.last          time of the previous claim of this kind, 0 if never
--   c.streak        streak after the previous claim, 0 if never
--   c.claims_today  paid claims of this kind so far this journal day (UTC)
--   c.amount_today  minor units those claims paid
--   c.day_ends      when this journal day ends and the day's counts start again, ms since the epoch
-- Return { amount = minor units, streak = new streak, wait = ms }, and capped = true when the day's
-- allowance is spent (the player is told that taps refill in `wait` ms).
-- amount 0 means "not yet": the player is told to come back in `wait` ms.
-- The engine pays the starter pack once per account, ever.
--
-- invite(c) decides whether an invited player has become active, so their inviter is paid.
--   c.invitee       the invited account
--   c.days_active   journal days on which it claimed any reward
--   c.crafts        crafts of its that completed
--   c.fees_paid     ticket minor units it paid in fees (transfers, swaps, factories, ...)
-- Return { amount = minor units } when due, or { amount = 0, missing = "what is missing, in words" }.
-- math.random is seeded from the claim itself, so replays give the same amounts.

local SECOND = 1000
local HOUR = 3600 * SECOND
local TICKET = 100

local DAILY_EVERY = 20 * HOUR      -- a little under a day, so the same time each day works
local DAILY_STREAK_LOST = 48 * HOUR
local DAILY_BASE = 10 * TICKET
local DAILY_STREAK_BONUS = 250     -- +2.50 per day in a row...
local DAILY_STREAK_CAP = 7         -- ...up to a week

local TAP_EVERY = 10 * SECOND
local TAP_STREAK_LOST = 60 * SECOND
local TAP_FULL = 60                -- the first 60 taps of a day (10 minutes of tapping) pay in full;
                                   -- the n-th after them pays 60/n of that (at least 0.01)
local TAP_DAY_TAPS = 360           -- at most 360 paying taps a day...
local TAP_DAY_TICKETS = 15 * TICKET -- ...and at most 15 tickets: all a script tapping all day can farm

-- Sized so that a newcomer buys and crafts in the first session, at the shipped prices
-- (pools.lua, production.lua, recipes/forge.lua and recipes/iron_ingot.lua):
--   a factory                          50.00   (build_cost, first factory)
--   8 ore (6 for the forge, 2 for an ingot) at 0.50    4.00 + slippage and 0.30 % fee, about 0.03
--   4 wood at 0.20                      0.80 + about 0.01
--   fitting the forge                  10.00   (fit_cost)
--   together                           64.84, so 70 tickets leave about 5 for prices that moved.
local STARTER = 70 * TICKET

local INVITE = 20 * TICKET         -- to the inviter, once per invited player...
local INVITE_DAYS = 3              -- ...once they have played on 3 days,
local INVITE_CRAFTS = 1            -- completed a craft
local INVITE_FEES = 50 * TICKET    -- and paid 50 tickets of fees (a factory's price is one)

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
  if c.claims_today >= TAP_DAY_TAPS or c.amount_today >= TAP_DAY_TICKETS then
    return { amount = 0, streak = c.streak, wait = c.day_ends - c.now, capped = true }
  end
  local streak = next_streak(c, TAP_EVERY, TAP_STREAK_LOST)
  if not streak then return not_yet(c, TAP_EVERY) end
  -- 0.05 to 0.10 tickets, plus a cent for every ten taps in a row (at most 0.05 more)
  local amount = math.random(5, 10) + math.min(streak // 10, 5)
  if c.claims_today >= TAP_FULL then
    amount = math.max(1, amount * TAP_FULL // (c.claims_today + 1))
  end
  amount = math.min(amount, TAP_DAY_TICKETS - c.amount_today)
  return { amount = amount, streak = streak, wait = TAP_EVERY }
end

function starter(c)
  return { amount = STARTER, streak = 1, wait = 0 }
end

function invite(c)
  local missing = {}
  if c.days_active < INVITE_DAYS then
    missing[#missing + 1] = string.format("be active on %d days first; %d so far", INVITE_DAYS, c.days_active)
  end
  if c.crafts < INVITE_CRAFTS then
    missing[#missing + 1] = string.format("complete a craft; %d so far", c.crafts)
  end
  if c.fees_paid < INVITE_FEES then
    missing[#missing + 1] = string.format("pay %d tickets of fees; %d.%02d so far",
      INVITE_FEES // TICKET, c.fees_paid // TICKET, c.fees_paid % TICKET)
  end
  if #missing > 0 then
    return { amount = 0, missing = c.invitee .. " must " .. table.concat(missing, ", and ") }
  end
  return { amount = INVITE }
end

examples = {
  { call = "daily", args = { { now = 100000000, last = 0, streak = 0, claims_today = 0, amount_today = 0, day_ends = 172800000 } },
    expect = { amount = 1000, streak = 1, wait = 72000000 } },
  { call = "daily", args = { { now = 200000000, last = 100000000, streak = 3, claims_today = 0, amount_today = 0, day_ends = 259200000 } },
    expect = { amount = 1750, streak = 4, wait = 72000000 } },
  { call = "daily", args = { { now = 110000000, last = 100000000, streak = 3, claims_today = 1, amount_today = 1500, day_ends = 172800000 } },
    expect = { amount = 0, streak = 3, wait = 62000000 } },
  { call = "daily", args = { { now = 400000000, last = 100000000, streak = 9, claims_today = 0, amount_today = 0, day_ends = 432000000 } },
    expect = { amount = 1000, streak = 1, wait = 72000000 } },
  { call = "tap", args = { { now = 100005000, last = 100000000, streak = 4, claims_today = 4, amount_today = 30, day_ends = 172800000 } },
    expect = { amount = 0, streak = 4, wait = 5000 } },
  -- the day's 15 tickets are spent: taps refill when the journal day ends
  { call = "tap", args = { { now = 100000000, last = 99990000, streak = 200, claims_today = 200, amount_today = 1500, day_ends = 172800000 } },
    expect = { amount = 0, streak = 200, wait = 72800000, capped = true } },
  { call = "tap", args = { { now = 100000000, last = 99990000, streak = 360, claims_today = 360, amount_today = 900, day_ends = 172800000 } },
    expect = { amount = 0, streak = 360, wait = 72800000, capped = true } },
  -- the last cent of the day's allowance
  { call = "tap", args = { { now = 100000000, last = 99990000, streak = 99, claims_today = 99, amount_today = 1499, day_ends = 172800000 } },
    expect = { amount = 1, streak = 100, wait = 10000 } },
  { call = "starter", args = { { now = 100000000, last = 0, streak = 0, claims_today = 0, amount_today = 0, day_ends = 172800000 } },
    expect = { amount = 7000, streak = 1, wait = 0 } },
  { call = "invite", args = { { invitee = "bob", days_active = 1, crafts = 1, fees_paid = 5000 } },
    expect = { amount = 0, missing = "bob must be active on 3 days first; 1 so far" } },
  { call = "invite", args = { { invitee = "bob", days_active = 0, crafts = 0, fees_paid = 250 } },
    expect = { amount = 0, missing = "bob must be active on 3 days first; 0 so far, and complete a craft; 0 so far, and pay 50 tickets of fees; 2.50 so far" } },
  { call = "invite", args = { { invitee = "bob", days_active = 3, crafts = 2, fees_paid = 6000 } },
    expect = { amount = 2000 } },
}
