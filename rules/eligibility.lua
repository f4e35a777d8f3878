-- Who may vote in the Parliament (one person, one vote). See rules/README.md.
--
-- may_vote(v) decides for one account.
--   v.age_days    whole days since the account was opened
--   v.payments    transfers the account has sent
--   v.spent       minor units it has sent or burned, fees included
--   v.balance     its ticket balance, minor units
--   v.kind        "player", "org" or "system"
-- Returns { ok = true } or { ok = false, reason = "words for the player" }.

local MIN_AGE_DAYS = 7
local MIN_PAYMENTS = 3
local MIN_SPENT = 1000   -- 10 tickets: a cheap but real cost against sock puppets

function may_vote(v)
  if v.kind ~= "player" then
    return { ok = false, reason = "Only players vote; companies and states do not." }
  end
  if v.age_days < MIN_AGE_DAYS then
    return { ok = false, reason = "Your account must be " .. MIN_AGE_DAYS .. " days old to vote." }
  end
  if v.payments < MIN_PAYMENTS or v.spent < MIN_SPENT then
    return { ok = false, reason = "Take part in the economy first: at least " .. MIN_PAYMENTS
      .. " payments and 10 tickets spent." }
  end
  return { ok = true }
end

examples = {
  { call = "may_vote", args = { { kind = "player", age_days = 30, payments = 5, spent = 5000, balance = 0 } },
    expect = { ok = true } },
  { call = "may_vote", args = { { kind = "player", age_days = 2, payments = 5, spent = 5000, balance = 0 } },
    expect = { ok = false, reason = "Your account must be 7 days old to vote." } },
  { call = "may_vote", args = { { kind = "org", age_days = 30, payments = 5, spent = 5000, balance = 0 } },
    expect = { ok = false, reason = "Only players vote; companies and states do not." } },
}
