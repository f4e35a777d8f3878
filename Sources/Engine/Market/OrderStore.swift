/// The `orders` and `fills` tables as the state machine uses them.
struct OrderStore {
    let db: HotConnection

    /// An open order's fields the matcher and the escrow need.
    struct Resting {
        var id: Int64
        var accountID: Int64
        var account: String
        var side: TradeSide
        var price: Int64
        var remaining: Int64
    }

    func insert(_ order: Order, accountID: Int64, assetID: Int64, seq: Int64, at: Int64) throws -> Int64 {
        try db.run(
            """
            INSERT INTO orders (seq, account_id, asset_id, side, price, quantity, remaining, expires_at, state, placed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
            """,
            .int(seq), .int(accountID), .int(assetID), .text(order.side.rawValue), .int(order.price),
            .int(order.quantity), .int(order.quantity), order.expiresAt.map(SQLArgument.int) ?? .null, .int(at))
        return db.lastInsertedRowID
    }

    /// The best live order on `side` that a `limit` crosses: lowest sell at or under a buy's limit,
    /// highest buy at or over a sell's limit; the oldest first at the same price.
    func best(_ side: TradeSide, assetID: Int64, crossing limit: Int64, at: Int64) throws -> Resting? {
        let read = { (row: RawRow) in
            Resting(id: row.int(0), accountID: row.int(1), account: row.text(2), side: side, price: row.int(3), remaining: row.int(4))
        }
        return side == .sell
            ? try db.first(
                """
                SELECT o.id, o.account_id, a.name, o.price, o.remaining FROM orders o JOIN accounts a ON a.id = o.account_id
                WHERE o.asset_id = ? AND o.side = 'sell' AND o.state = 'open' AND o.price <= ?
                  AND (o.expires_at IS NULL OR o.expires_at > ?)
                ORDER BY o.price, o.id LIMIT 1
                """, .int(assetID), .int(limit), .int(at), read: read)
            : try db.first(
                """
                SELECT o.id, o.account_id, a.name, o.price, o.remaining FROM orders o JOIN accounts a ON a.id = o.account_id
                WHERE o.asset_id = ? AND o.side = 'buy' AND o.state = 'open' AND o.price >= ?
                  AND (o.expires_at IS NULL OR o.expires_at > ?)
                ORDER BY o.price DESC, o.id LIMIT 1
                """, .int(assetID), .int(limit), .int(at), read: read)
    }

    /// Whether the account has a live order on `side` that `limit` would cross: trading with oneself.
    /// One statement per side, the side written out: a side bound as a parameter would make SQLite
    /// prepare the statement again whenever it changes, as it weighs the book's per-side indexes.
    func crossesOwn(_ side: TradeSide, accountID: Int64, assetID: Int64, limit: Int64, at: Int64) throws -> Bool {
        let (account, asset, limit, at) = (SQLArgument.int(accountID), SQLArgument.int(assetID), SQLArgument.int(limit), SQLArgument.int(at))
        return side == .sell
            ? try db.first(
                """
                SELECT 1 FROM orders WHERE account_id = ? AND asset_id = ? AND side = 'sell' AND state = 'open' AND price <= ?
                  AND (expires_at IS NULL OR expires_at > ?) LIMIT 1
                """, account, asset, limit, at) { _ in true } ?? false
            : try db.first(
                """
                SELECT 1 FROM orders WHERE account_id = ? AND asset_id = ? AND side = 'buy' AND state = 'open' AND price >= ?
                  AND (expires_at IS NULL OR expires_at > ?) LIMIT 1
                """, account, asset, limit, at) { _ in true } ?? false
    }

    /// An open order with what is needed to close it and return its escrow.
    func open(_ id: Int64) throws -> (resting: Resting, asset: String, state: BookOrder.State)? {
        try db.first(
            """
            SELECT o.id, o.account_id, a.name, o.side, o.price, o.remaining, s.code, o.state FROM orders o
            JOIN accounts a ON a.id = o.account_id JOIN assets s ON s.id = o.asset_id WHERE o.id = ?
            """, .int(id)
        ) {
            (Resting(id: $0.int(0), accountID: $0.int(1), account: $0.text(2), side: TradeSide(rawValue: $0.text(3)) ?? .buy,
                     price: $0.int(4), remaining: $0.int(5)),
             $0.text(6), BookOrder.State(rawValue: $0.text(7)) ?? .open)
        }
    }

    func setRemaining(_ id: Int64, _ remaining: Int64) throws {
        try db.run(
            "UPDATE orders SET remaining = ?, state = CASE WHEN ? = 0 THEN 'filled' ELSE state END WHERE id = ?",
            .int(remaining), .int(remaining), .int(id))
    }

    func close(_ id: Int64, as state: BookOrder.State) throws {
        try db.run("UPDATE orders SET state = ? WHERE id = ?", .text(state.rawValue), .int(id))
    }

    func recordFill(seq: Int64, buy: Int64, sell: Int64, quantity: Int64, price: Int64, fee: Int64) throws {
        try db.run(
            "INSERT INTO fills (seq, buy_order, sell_order, quantity, price, fee) VALUES (?, ?, ?, ?, ?, ?)",
            .int(seq), .int(buy), .int(sell), .int(quantity), .int(price), .int(fee))
    }
}
