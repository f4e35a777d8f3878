import GRDB

/// The P2P market per day: fills, volume, fees, and how the day's orders ended.
struct MarketSeries: Series {
    let name = "market"
    let title = "P2P market"
    let summary = "Fills, items and tickets traded and fees each day; of the orders placed that day, the share filled and the share that expired."
    let chart = ChartKind.lines
    func plots(_ column: String) -> Bool { column == "fills" || column == "placed" }
    func isTickets(_ column: String) -> Bool { column == "tickets" || column == "fees" }

    func table(in context: SeriesContext) throws -> Table {
        let ended = try context.reader.aggregate { db in
            try Row.fetchAll(db, sql: """
                SELECT placed_at / :day AS day, COUNT(*) AS placed, SUM(state = 'filled') AS filled,
                       SUM(state = 'expired') AS expired
                FROM orders WHERE placed_at >= :from AND placed_at < :to GROUP BY day
                """, arguments: [
                    "day": DayBook.dayMilliseconds, "from": context.range.lowerBound * DayBook.dayMilliseconds,
                    "to": (context.range.upperBound + 1) * DayBook.dayMilliseconds,
                ]
            ).reduce(into: [Int64: (Int64, Int64, Int64)]()) { $0[$1["day"]] = ($1["placed"], $1["filled"], $1["expired"]) }
        }
        return context.daily(["fills", "items", "tickets", "fees", "placed", "fill_rate", "expired_share"]) { number, day in
            let fills = day.fills.values
            let (placed, filled, expired) = ended[number] ?? (0, 0, 0)
            return [
                .int(fills.reduce(0) { $0 + $1.count }), .int(fills.reduce(0) { $0 + $1.quantity }),
                .int(fills.reduce(0) { $0 + $1.tickets }), .int(fills.reduce(0) { $0 + $1.fees }), .int(placed),
                .ratio(placed > 0 ? Double(filled) / Double(placed) : 0), .ratio(placed > 0 ? Double(expired) / Double(placed) : 0),
            ]
        }
    }
}
