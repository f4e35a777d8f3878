-- Who may vote in the Parliament (one person, one vote). See rules/README.md.
--
-- may_vote(v) decides for one player when voting on a proposal opens; the answer is fixed for that
-- proposal (an eligibility snapshot), so tickets moved during the vote change nothing.
--   v.kind           "player" (only players are asked; orgs and system accounts never vote)
--   v.age_days       whole days since the account was opened
--   v.payments       payments it sent to other players and orgs
--   v.spent          minor units it has sent or burned, fees included
--   v.balance        its ticket balance, minor units
--   v.days_active    days on which it claimed a reward
--   v.crafts         crafts it completed
--   v.fees_paid      minor units it paid in fees (burned and to the treasury)
--   v.single_source  true when every ticket it ever received came from one account
-- Returns { ok = true } or { ok = false, reason = "..." } naming the failed condition; the player reads
-- "You may not vote on proposal #3: <reason>".

local MIN_AGE_DAYS = 7
local MIN_PAYMENTS = 3
local MIN_SPENT = 1000   -- 10 tickets: a cheap but real cost against sock puppets

function may_vote(v)
  if v.kind ~= "player" then
    return { ok = false, reason = "only players vote; companies and states do not." }
  end
  if v.age_days < MIN_AGE_DAYS then
    return { ok = false, reason = "accounts must be " .. MIN_AGE_DAYS .. " days old to vote; yours is "
      .. v.age_days .. " days old." }
  end
  if v.payments < MIN_PAYMENTS then
    return { ok = false, reason = "voters must have made " .. MIN_PAYMENTS .. " payments; you have made "
      .. v.payments .. "." }
  end
  if v.spent < MIN_SPENT then
    return { ok = false, reason = "voters must have spent 10 tickets; you have spent "
      .. (v.spent // 100) .. "." }
  end
  if v.single_source and v.days_active == 0 then
    return { ok = false, reason = "all your tickets came from one account and you never claimed a reward yourself." }
  end
  return { ok = true }
end

local function player(fields)
  local v = { kind = "player", age_days = 30, payments = 5, spent = 5000, balance = 0, days_active = 3,
              crafts = 0, fees_paid = 0, single_source = false }
  for k, value in pairs(fields) do v[k] = value end
  return v
end

examples = {
  { call = "may_vote", args = { player({}) }, expect = { ok = true } },
  { call = "may_vote", args = { player({ age_days = 2 }) },
    expect = { ok = false, reason = "accounts must be 7 days old to vote; yours is 2 days old." } },
  { call = "may_vote", args = { player({ payments = 1 }) },
    expect = { ok = false, reason = "voters must have made 3 payments; you have made 1." } },
  { call = "may_vote", args = { player({ single_source = true, days_active = 0 }) },
    expect = { ok = false, reason = "all your tickets came from one account and you never claimed a reward yourself." } },
  { call = "may_vote", args = { player({ kind = "org" }) },
    expect = { ok = false, reason = "only players vote; companies and states do not." } },
}
