/// The faucets: `rules/rewards.lua` decides each amount from facts the ledger reads from its own
/// tables, so a replay hands the rule the same facts and pays the same.
extension Ledger {
    /// A journal day: UTC days since the epoch. Tap caps and "days active" count in these.
    static let dayMillis: Int64 = 86_400_000

    /// Pays a faucet reward from `mint` when `rewards.lua` says it is due, and remembers the claim.
    func claim(_ kind: RewardKind, for name: String, at: Int64, _ seq: Int64, _ db: HotConnection) throws -> [Posting] {
        guard let account = try account(named: name, in: db) else { throw Rejection.unknownAccount(name) }
        let previous = try db.first(
            "SELECT last_at, streak FROM reward_claims WHERE account_id = ? AND kind = ?",
            .int(account.id), .text(kind.rawValue)) { ($0.int(0), $0.int(1)) }
        guard !(kind.isOnce && previous != nil) else { throw Rejection.rewardClaimedOnce(kind: kind) }
        if kind == .invite { return try payInvites(to: (name, account.id), at: at, seq, db) }
        let day = at / Self.dayMillis
        let today = try db.first(
            "SELECT claims, amount FROM reward_days WHERE account_id = ? AND kind = ? AND day = ?",
            .int(account.id), .text(kind.rawValue), .int(day)) { ($0.int(0), $0.int(1)) }
        let facts = RewardFacts(
            now: at, last: previous?.0 ?? 0, streak: previous?.1 ?? 0, claimsToday: today?.0 ?? 0,
            amountToday: today?.1 ?? 0, dayEnds: (day + 1) * Self.dayMillis)
        let decision = try rules.reward(kind, facts: facts)
        guard decision.amount > 0 else {
            throw decision.capped
                ? Rejection.rewardCapped(kind: kind, refillMillis: decision.wait)
                : Rejection.rewardNotReady(kind: kind, waitMillis: decision.wait)
        }
        try noteClaim(kind, account: account.id, at: at, streak: decision.streak, amount: decision.amount, db)
        return try post([Posting(from: Account.mint, to: name, asset: Asset.ticket.code, amount: decision.amount)], seq, db)
    }

    /// Records that `invitee` joined through `inviter`: once, by the invitee or the admin, never oneself,
    /// and never back to one's own invitee (two players inviting each other would farm each other).
    func nameInviter(_ inviter: String, of invitee: String, seq: Int64, _ db: HotConnection) throws {
        guard inviter != invitee else { throw Rejection.selfInvite }
        guard let invited = try account(named: invitee, in: db) else { throw Rejection.unknownAccount(invitee) }
        guard let inviting = try account(named: inviter, in: db) else { throw Rejection.unknownAccount(inviter) }
        guard invited.kind == .player, inviting.kind == .player else { throw Rejection.invitesArePlayers }
        if let named = try inviterName(of: invited.id, db) { throw Rejection.inviterNamed(account: invitee, inviter: named) }
        guard try inviterName(of: inviting.id, db) != invitee else { throw Rejection.inviterNamed(account: inviter, inviter: invitee) }
        try db.run(
            "INSERT INTO invites (invitee_id, inviter_id, named_seq) VALUES (?, ?, ?)",
            .int(invited.id), .int(inviting.id), .int(seq))
    }

    private func inviterName(of invitee: Int64, _ db: HotConnection) throws -> String? {
        try db.first(
            "SELECT a.name FROM invites i JOIN accounts a ON a.id = i.inviter_id WHERE i.invitee_id = ?",
            .int(invitee)) { $0.text(0) }
    }

    /// Pays the inviter for every invitee `invite(c)` finds active and not yet paid for (one leg each);
    /// when none is, refuses with what the first of them still lacks.
    private func payInvites(to inviter: (name: String, id: Int64), at: Int64, _ seq: Int64, _ db: HotConnection) throws -> [Posting] {
        let waiting = try db.all(
            """
            SELECT i.invitee_id, a.name FROM invites i JOIN accounts a ON a.id = i.invitee_id
            WHERE i.inviter_id = ? AND i.paid_seq IS NULL ORDER BY i.invitee_id LIMIT ?
            """,
            .int(inviter.id), .int(Int64(Self.maxLegs))) { ($0.int(0), $0.text(1)) }
        guard !waiting.isEmpty else { throw Rejection.noInvitees }
        var legs: [Posting] = []
        var firstMissing: String?
        for (id, name) in waiting {
            let decision = try rules.inviteReward(try inviteFacts(name, id, db))
            guard decision.amount > 0 else {
                firstMissing = firstMissing ?? decision.missing
                continue
            }
            try db.run("UPDATE invites SET paid_seq = ? WHERE invitee_id = ?", .int(seq), .int(id))
            legs.append(Posting(from: Account.mint, to: inviter.name, asset: Asset.ticket.code, amount: decision.amount))
        }
        guard !legs.isEmpty else { throw Rejection.inviteNotDue(firstMissing ?? "") }
        let total = try legs.reduce(Int64(0)) { sum, leg in
            let (next, overflow) = sum.addingReportingOverflow(leg.amount)
            guard !overflow else { throw Rejection.balanceOverflow(account: inviter.name) }
            return next
        }
        try noteClaim(.invite, account: inviter.id, at: at, streak: Int64(legs.count), amount: total, db)
        return try post(legs, seq, db)
    }

    /// The invitee's activity, read from the ledger: days with a reward claim, completed crafts, and
    /// tickets paid to the sink and the treasury.
    func inviteFacts(_ name: String, _ id: Int64, _ db: HotConnection) throws -> InviteFacts {
        try inviteFacts(name, id, feesPaid: try postingTally(payer: id, db)[id].feesPaid, db)
    }

    /// The same, with the fees already tallied.
    func inviteFacts(_ name: String, _ id: Int64, feesPaid: Int64, _ db: HotConnection) throws -> InviteFacts {
        let days = try db.first("SELECT COUNT(DISTINCT day) FROM reward_days WHERE account_id = ?", .int(id)) { $0.int(0) }
        let crafts = try db.first(
            "SELECT COUNT(*) FROM jobs WHERE owner_id = ? AND kind = 'craft' AND state = 'done'", .int(id)) { $0.int(0) }
        return InviteFacts(invitee: name, daysActive: days ?? 0, crafts: crafts ?? 0, feesPaid: feesPaid)
    }

    /// Remembers a paid claim: its time and streak, and the day's count and total of its kind.
    private func noteClaim(_ kind: RewardKind, account: Int64, at: Int64, streak: Int64, amount: Int64, _ db: HotConnection) throws {
        try db.run(
            """
            INSERT INTO reward_claims (account_id, kind, last_at, streak) VALUES (?, ?, ?, ?)
            ON CONFLICT (account_id, kind) DO UPDATE SET last_at = excluded.last_at, streak = excluded.streak
            """,
            .int(account), .text(kind.rawValue), .int(at), .int(streak))
        try db.run(
            """
            INSERT INTO reward_days (account_id, kind, day, claims, amount) VALUES (?, ?, ?, 1, ?)
            ON CONFLICT (account_id, kind, day) DO UPDATE SET claims = claims + 1, amount = amount + excluded.amount
            """,
            .int(account), .text(kind.rawValue), .int(at / Self.dayMillis), .int(amount))
    }
}
