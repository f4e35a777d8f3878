import Engine
import GRDB

/// Each item's best bid and ask on the P2P market now.
struct SpreadSeries: Series {
    let name = "spreads"
    let title = "Order book spreads"
    let summary = "Each item's highest open buy and lowest open sell now (tickets in minor units per item) and the gap between them; blank where a side has no order."
    let chart = ChartKind.table
    func isTickets(_ column: String) -> Bool { column != "item" && column != "open_orders" }

    func table(in context: SeriesContext) throws -> Table {
        let rows = try context.reader.aggregate { db in
            // Each side read from its own index of open orders (`orders_bids`, `orders_asks`).
            try Row.fetchAll(db, sql: """
                SELECT s.code, MAX(o.bid) AS bid, MIN(o.ask) AS ask, SUM(o.open) AS open FROM (
                    SELECT asset_id, MAX(price) AS bid, NULL AS ask, COUNT(*) AS open
                    FROM orders WHERE state = 'open' AND side = 'buy' GROUP BY asset_id
                    UNION ALL
                    SELECT asset_id, NULL, MIN(price), COUNT(*)
                    FROM orders WHERE state = 'open' AND side = 'sell' GROUP BY asset_id
                ) o JOIN assets s ON s.id = o.asset_id GROUP BY s.code ORDER BY s.code
                """)
        }
        return Table(columns: ["item", "best_bid", "best_ask", "spread", "open_orders"], rows: rows.map { row in
            // A side without orders has no price: blank, not a price of 0, and no spread either.
            let (bid, ask): (Int64?, Int64?) = (row["bid"], row["ask"])
            let spread = bid.flatMap { bid in ask.map { $0 - bid } }
            return [.text(row["code"]), bid.map(Table.Cell.int) ?? .none, ask.map(Table.Cell.int) ?? .none,
                    spread.map(Table.Cell.int) ?? .none, .int(row["open"])]
        })
    }
}
