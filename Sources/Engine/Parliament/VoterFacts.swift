import LuaBridge

/// What the ledger tells `rules/eligibility.lua` `may_vote(v)` about one account, all read from the
/// ledger as it stands when voting opens.
struct VoterFacts {
    var kind: Account.Kind
    /// Whole days since the account was opened.
    var ageDays: Int64
    /// Payments it made to other players and orgs (postings of tickets, not fees or escrow).
    var payments: Int64
    /// Ticket minor units it sent or burned, fees included (escrow, which returns, left out).
    var spent: Int64
    /// Its ticket balance.
    var balance: Int64
    /// Journal days with a reward claim, completed crafts and fees paid, as `rewards.lua` `invite(c)` sees them.
    var activity: InviteFacts
    /// Every ticket it ever received came from one and the same account: the mark of a sock puppet
    /// funded by its master (or of a player who has only ever claimed rewards).
    var singleSource: Bool

    static let fields = [
        "kind", "age_days", "payments", "spent", "balance", "days_active", "crafts", "fees_paid", "single_source",
    ]

    var values: [LuaValue] {
        [
            .string(kind.rawValue), .integer(ageDays), .integer(payments), .integer(spent), .integer(balance),
            .integer(activity.daysActive), .integer(activity.crafts), .integer(activity.feesPaid), .bool(singleSource),
        ]
    }
}

extension Ledger {
    /// The facts of each of `players` at `at`, in their order. The postings are read in one pass
    /// (``PostingTally``) rather than per player: scans by account fetch each posting's row out of
    /// order, which on 18.7 million postings and 20,000 players took minutes inside the writer.
    func voterFacts(
        of players: [(id: Int64, name: String, createdAt: Int64)], at: Int64, _ db: HotConnection
    ) throws -> [VoterFacts] {
        guard let ticket = try asset(code: Asset.ticket.code, in: db) else { throw Rejection.unknownAsset(Asset.ticket.code) }
        let tally = try postingTally(payer: nil, db)
        return try players.map { player in
            let totals = tally[player.id]
            let balance = try db.first(
                "SELECT amount FROM balances WHERE account_id = ? AND asset_id = ?", .int(player.id), .int(ticket.id)) { $0.int(0) } ?? 0
            return VoterFacts(
                kind: .player, ageDays: max(0, at - player.createdAt) / Self.dayMillis, payments: totals.payments,
                spent: totals.spent, balance: balance, activity: try inviteFacts(player.name, player.id, feesPaid: totals.feesPaid, db),
                singleSource: totals.singleSource)
        }
    }
}
