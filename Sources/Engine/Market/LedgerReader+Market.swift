import GRDB

extension LedgerReader {
    /// The open orders of an item: sells from the lowest price, buys from the highest, oldest first at a
    /// price. Orders past their expiry are left out even before the ticker closes them.
    public func book(of asset: String, at now: Int64) throws -> (sells: [BookOrder], buys: [BookOrder]) {
        try pool.read { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM assets WHERE code = ?", arguments: [asset]) != nil else {
                throw Rejection.unknownAsset(asset)
            }
            let live = "s.code = ? AND o.state = 'open' AND (o.expires_at IS NULL OR o.expires_at > ?)"
            return (
                try Self.orders(db, where: "\(live) AND o.side = 'sell'", order: "o.price, o.id", [asset, now]),
                try Self.orders(db, where: "\(live) AND o.side = 'buy'", order: "o.price DESC, o.id", [asset, now]))
        }
    }

    /// An account's orders, newest first; only the open ones unless `all`.
    public func orders(of account: String, all: Bool = false) throws -> [BookOrder] {
        try pool.read { db in
            _ = try Self.accountID(named: account, in: db)
            return try Self.orders(db, where: "a.name = ?" + (all ? "" : " AND o.state = 'open'"), order: "o.id DESC", [account])
        }
    }

    private static func orders(_ db: Database, where condition: String, order: String, _ arguments: StatementArguments) throws -> [BookOrder] {
        try Row.fetchAll(db, sql: """
            SELECT o.*, a.name AS account, s.code AS asset FROM orders o
            JOIN accounts a ON a.id = o.account_id JOIN assets s ON s.id = o.asset_id
            WHERE \(condition) ORDER BY \(order)
            """, arguments: arguments
        ).map {
            BookOrder(
                id: $0["id"], account: $0["account"], side: TradeSide(rawValue: $0["side"]) ?? .buy, asset: $0["asset"],
                price: $0["price"], quantity: $0["quantity"], remaining: $0["remaining"], expiresAt: $0["expires_at"],
                state: BookOrder.State(rawValue: $0["state"]) ?? .open, placedAt: $0["placed_at"])
        }
    }
}
