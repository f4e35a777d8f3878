/// The `factories` and `factory_components` tables as the state machine uses them.
struct FactoryStore {
    let db: HotConnection

    func insert(name: String, owner: Int64, seq: Int64) throws -> Int64 {
        try db.run("INSERT INTO factories (owner_id, name, created_seq) VALUES (?, ?, ?)", .int(owner), .text(name), .int(seq))
        return db.lastInsertedRowID
    }

    func count(ownedBy owner: Int64) throws -> Int64 {
        try db.first("SELECT COUNT(*) FROM factories WHERE owner_id = ?", .int(owner)) { $0.int(0) } ?? 0
    }

    /// The owner's account id, or a refusal naming what is wrong.
    @discardableResult
    func requireOwned(_ factory: Int64, by account: String) throws -> Int64 {
        guard let owner = try db.first(
            "SELECT f.owner_id, a.name FROM factories f JOIN accounts a ON a.id = f.owner_id WHERE f.id = ?", .int(factory),
            read: { (id: $0.int(0), name: $0.text(1)) })
        else { throw Rejection.unknownFactory(factory) }
        guard owner.name == account else { throw Rejection.notYourFactory(factory) }
        return owner.id
    }

    /// Fitted components by item code.
    func components(of factory: Int64) throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try db.all(
            "SELECT a.code, c.count FROM factory_components c JOIN assets a ON a.id = c.asset_id WHERE c.factory_id = ?",
            .int(factory)) { ($0.text(0), $0.int(1)) })
    }

    func addComponent(_ asset: Int64, to factory: Int64) throws {
        try db.run(
            """
            INSERT INTO factory_components (factory_id, asset_id, count) VALUES (?, ?, 1)
            ON CONFLICT (factory_id, asset_id) DO UPDATE SET count = count + 1
            """,
            .int(factory), .int(asset))
    }

    func kind(of asset: Int64) throws -> Asset.Kind? {
        try db.first("SELECT kind FROM assets WHERE id = ?", .int(asset)) { Asset.Kind(rawValue: $0.text(0)) } ?? nil
    }

    /// A recipe's new output becomes an item the ledger can hold.
    func define(_ code: String, as kind: Asset.Kind) throws {
        try db.run("INSERT INTO assets (code, kind, scale) VALUES (?, ?, 0)", .text(code), .text(kind.rawValue))
    }
}
