import GRDB

extension LedgerReader {
    /// The players holding the most of an asset, richest first (ties: the older account first).
    public func leaderboard(of asset: String = Asset.ticket.code, limit: Int = 10) throws -> [Standing] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.name, b.amount FROM balances b
                    JOIN accounts a ON a.id = b.account_id JOIN assets s ON s.id = b.asset_id
                    WHERE s.code = ? AND a.kind = 'player' AND b.amount > 0
                    ORDER BY b.amount DESC, a.id LIMIT ?
                    """,
                arguments: [asset, limit]
            ).map { Standing(account: $0["name"], amount: $0["amount"]) }
        }
    }

    /// The account's last claim of a reward: when, and the streak it reached. Nil if never claimed.
    public func rewardClaim(of account: String, kind: RewardKind) throws -> (at: Int64, streak: Int64)? {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT r.last_at, r.streak FROM reward_claims r JOIN accounts a ON a.id = r.account_id
                    WHERE a.name = ? AND r.kind = ?
                    """,
                arguments: [account, kind.rawValue]
            ).map { ($0["last_at"], $0["streak"]) }
        }
    }
}

/// A place on the leaderboard.
public struct Standing: Sendable, Hashable {
    public var account: String
    public var amount: Int64
}
