import GRDB

extension LedgerReader {
    /// Every patent, by recipe, with its holder and licenses.
    public func patents() throws -> [Patent] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Self.patentSelect + " ORDER BY p.recipe").map { try Self.patent($0, db) }
        }
    }

    /// The patent on one recipe, or nil when it has none.
    public func patent(on recipe: String) throws -> Patent? {
        try pool.read { db in
            try Row.fetchOne(db, sql: Self.patentSelect + " WHERE p.recipe = ?", arguments: [recipe]).map { try Self.patent($0, db) }
        }
    }

    private static let patentSelect = """
        SELECT p.*, s.code FROM patents p JOIN assets s ON s.id = p.asset_id
        """

    private static func patent(_ row: Row, _ db: Database) throws -> Patent {
        let recipe: String = row["recipe"]
        let licenses = try Row.fetchAll(
            db,
            sql: """
                SELECT a.name, l.royalty, l.crafts_left, l.expires_at, l.paid FROM licenses l
                JOIN accounts a ON a.id = l.licensee_id WHERE l.recipe = ? ORDER BY a.name
                """,
            arguments: [recipe]
        ).map {
            Patent.License(
                licensee: $0["name"], royalty: $0["royalty"], craftsLeft: $0["crafts_left"], expiresAt: $0["expires_at"], paid: $0["paid"])
        }
        return Patent(
            recipe: recipe, item: row["code"],
            holder: try String.fetchOne(db, sql: "\(Ledger.patentHolderQuery)", arguments: [row["asset_id"] as Int64]),
            proposal: row["proposal_id"], expiresAt: row["expires_at"], openRoyalty: row["open_royalty"], earned: row["earned"],
            licenses: licenses)
    }
}
