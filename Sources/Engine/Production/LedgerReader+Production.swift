import GRDB

/// A factory as players see it.
public struct Factory: Codable, Sendable, Hashable {
    public var id: Int64
    public var owner: String
    public var name: String
    /// Fitted components by item code.
    public var components: [String: Int64]
}

extension LedgerReader {
    /// An account's factories, or every factory when `owner` is nil.
    public func factories(of owner: String? = nil) throws -> [Factory] {
        try pool.read { db in
            let select = "SELECT f.id, a.name AS owner, f.name FROM factories f JOIN accounts a ON a.id = f.owner_id"
            // One owner's through `factories_by_owner`, not by reading every factory.
            let rows = try owner.map { owner in
                try Row.fetchAll(db, sql: select + " WHERE f.owner_id = ? ORDER BY f.id", arguments: [try Self.accountID(named: owner, in: db)])
            } ?? Row.fetchAll(db, sql: select + " ORDER BY f.id")
            return try rows.map { row in
                let components = try Row.fetchAll(db, sql: """
                    SELECT s.code, c.count FROM factory_components c JOIN assets s ON s.id = c.asset_id WHERE c.factory_id = ?
                    """, arguments: [row["id"]])
                return Factory(
                    id: row["id"], owner: row["owner"], name: row["name"],
                    components: Dictionary(uniqueKeysWithValues: components.map { ($0["code"], $0["count"]) }))
            }
        }
    }
}
