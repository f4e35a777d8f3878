import GRDB

extension LedgerReader {
    /// The players who gained the most of an asset, net, in the entries from `since` (milliseconds) on:
    /// a leaderboard of the week that a newcomer can top. Only gains above zero count; ties go to the
    /// older account. Postings' ids follow their entries, so the scan starts at the first posting of
    /// the period.
    public func gains(since: Int64, of asset: String = Asset.ticket.code, limit: Int = 10) throws -> [Standing] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    WITH first AS (
                        SELECT COALESCE(MIN(p.id), (SELECT COALESCE(MAX(id), 0) + 1 FROM postings)) AS id
                        FROM postings p WHERE p.seq >= (SELECT COALESCE(MIN(seq), 9223372036854775807) FROM journal WHERE at >= :since)),
                    moves AS (
                        SELECT credit_id AS account_id, amount AS delta FROM postings
                        WHERE id >= (SELECT id FROM first) AND asset_id = (SELECT id FROM assets WHERE code = :asset)
                        UNION ALL
                        SELECT debit_id, -amount FROM postings
                        WHERE id >= (SELECT id FROM first) AND asset_id = (SELECT id FROM assets WHERE code = :asset))
                    SELECT a.name, SUM(m.delta) AS gained FROM moves m JOIN accounts a ON a.id = m.account_id
                    WHERE a.kind = 'player' GROUP BY a.id HAVING gained > 0 ORDER BY gained DESC, a.id LIMIT :limit
                    """,
                arguments: ["since": since, "asset": asset, "limit": limit]
            ).map { Standing(account: $0["name"], amount: $0["gained"]) }
        }
    }
}
