import GRDB

/// Where an asset's units are: issued by `mint`, burned into `sink`, and held by everyone else.
public struct Supply: Sendable, Hashable, Codable {
    public var asset: String
    /// Net amount that left `mint`.
    public var issued: Int64
    /// Net amount that reached `sink`.
    public var burned: Int64
    /// The sum of every other account's balance.
    public var circulating: Int64

    /// Issued and burned come from the postings, circulating from the balances, so comparing them is a check.
    static func all(in db: Database) throws -> [Supply] {
        try Row.fetchAll(db, sql: """
            SELECT a.code,
              (SELECT COALESCE(SUM(CASE WHEN p.debit_id = m.id THEN p.amount ELSE -p.amount END), 0)
                 FROM postings p, accounts m WHERE m.name = 'mint' AND p.asset_id = a.id
                 AND m.id IN (p.debit_id, p.credit_id)) AS issued,
              (SELECT COALESCE(SUM(CASE WHEN p.credit_id = s.id THEN p.amount ELSE -p.amount END), 0)
                 FROM postings p, accounts s WHERE s.name = 'sink' AND p.asset_id = a.id
                 AND s.id IN (p.debit_id, p.credit_id)) AS burned,
              (SELECT COALESCE(SUM(b.amount), 0) FROM balances b JOIN accounts c ON c.id = b.account_id
                 WHERE b.asset_id = a.id AND c.name NOT IN ('mint', 'sink')) AS circulating
            FROM assets a ORDER BY a.id
            """
        ).map { Supply(asset: $0["code"], issued: $0["issued"], burned: $0["burned"], circulating: $0["circulating"]) }
    }
}
