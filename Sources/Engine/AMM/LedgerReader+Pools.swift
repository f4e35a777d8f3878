import GRDB

/// A pool as players and the dashboard see it.
public struct PoolState: Sendable, Hashable, Codable {
    /// The raw material traded against tickets.
    public var asset: String
    /// The system account whose balances are the reserves.
    public var account: String
    public var reserveItems: Int64
    /// Minor units.
    public var reserveTickets: Int64
    /// Tickets per whole item, `reserveTickets / reserveItems` rounded down: `"0.5000"`.
    public var spotPrice: String
    /// The journal entry that opened the pool.
    public var createdSeq: Int64
}

/// A pool's reserves after one change: its opening or a swap.
public struct PricePoint: Sendable, Hashable, Codable {
    public var seq: Int64
    /// Journal time, ms since the epoch.
    public var at: Int64
    public var reserveItems: Int64
    public var reserveTickets: Int64
    public var spotPrice: String
    /// Minor units of tickets the swap's trader paid (fee included) or received; 0 at the opening.
    public var volumeTickets: Int64
}

extension LedgerReader {
    /// Every pool with its reserves, by asset code.
    public func pools() throws -> [PoolState] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.code, a.scale, c.name, p.created_seq,
                      COALESCE((SELECT amount FROM balances WHERE account_id = p.account_id AND asset_id = p.asset_id), 0) AS items,
                      COALESCE((SELECT b.amount FROM balances b JOIN assets t ON t.id = b.asset_id
                                WHERE b.account_id = p.account_id AND t.code = ?), 0) AS tickets
                    FROM pools p JOIN assets a ON a.id = p.asset_id JOIN accounts c ON c.id = p.account_id
                    ORDER BY a.code
                    """,
                arguments: [Asset.ticket.code]
            ).map {
                PoolState(
                    asset: $0["code"], account: $0["name"], reserveItems: $0["items"], reserveTickets: $0["tickets"],
                    spotPrice: ConstantProduct.spotPrice(items: $0["items"], tickets: $0["tickets"], itemScale: $0["scale"]),
                    createdSeq: $0["created_seq"])
            }
        }
    }

    /// The pool of `asset`, if it has one.
    public func pool(of asset: String) throws -> PoolState? {
        try pools().first { $0.asset == asset }
    }

    /// A pool's reserves after each change, newest first: its price and volume over time.
    public func poolHistory(of asset: String, limit: Int = 100) throws -> [PricePoint] {
        try pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT p.id, a.scale FROM pools p JOIN assets a ON a.id = p.asset_id WHERE a.code = ?",
                arguments: [asset])
            else { throw Rejection.noPool(asset) }
            let scale: Int = row["scale"]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, at, reserve_items, reserve_tickets, volume_tickets FROM pool_history
                    WHERE pool_id = ? ORDER BY id DESC LIMIT ?
                    """,
                arguments: [row["id"] as Int64, limit]
            ).map {
                PricePoint(
                    seq: $0["seq"], at: $0["at"], reserveItems: $0["reserve_items"], reserveTickets: $0["reserve_tickets"],
                    spotPrice: ConstantProduct.spotPrice(
                        items: $0["reserve_items"], tickets: $0["reserve_tickets"], itemScale: scale),
                    volumeTickets: $0["volume_tickets"])
            }
        }
    }
}
