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
    /// The facts of one account at `at`.
    func voterFacts(_ name: String, id: Int64, kind: Account.Kind, createdAt: Int64, at: Int64, _ db: HotConnection) throws -> VoterFacts {
        guard let ticket = try asset(code: Asset.ticket.code, in: db) else { throw Rejection.unknownAsset(Asset.ticket.code) }
        let escrow = try account(named: Account.escrow, in: db)?.id ?? 0
        let (payments, spent) = try db.first(
            """
            SELECT COUNT(CASE WHEN c.kind != 'system' THEN 1 END), COALESCE(SUM(CASE WHEN p.credit_id != ? THEN p.amount END), 0)
            FROM postings p JOIN accounts c ON c.id = p.credit_id WHERE p.debit_id = ? AND p.asset_id = ?
            """,
            .int(escrow), .int(id), .int(ticket.id)) { ($0.int(0), $0.int(1)) } ?? (0, 0)
        let sources = try db.first(
            "SELECT COUNT(DISTINCT debit_id) FROM postings WHERE credit_id = ? AND asset_id = ? AND debit_id != ?",
            .int(id), .int(ticket.id), .int(escrow)) { $0.int(0) } ?? 0
        let balance = try db.first(
            "SELECT amount FROM balances WHERE account_id = ? AND asset_id = ?", .int(id), .int(ticket.id)) { $0.int(0) } ?? 0
        return VoterFacts(
            kind: kind, ageDays: max(0, at - createdAt) / Self.dayMillis, payments: payments, spent: spent, balance: balance,
            activity: try inviteFacts(name, id, db), singleSource: sources <= 1)
    }
}
