/// Each AMM pool's spot price, reserves and volume per day.
struct PoolSeries: Series {
    let name = "pools"
    let title = "AMM pools"
    let summary = "Each pool's spot price (tickets per item, from its reserves at the day's end), its reserves and the tickets traded."
    let chart = ChartKind.lines
    func plots(_ column: String) -> Bool { column.hasSuffix("_price") }
    func isTickets(_ column: String) -> Bool { column.hasSuffix("_reserve_tickets") || column.hasSuffix("_volume") }

    func table(in context: SeriesContext) throws -> Table {
        let days = PriceDays.pools(context, try AssetScales(context.reader))
        let codes = Set(context.days.values.flatMap { $0.pools.keys }).sorted()
        let columns = codes.flatMap { ["\($0)_price", "\($0)_reserve_items", "\($0)_reserve_tickets", "\($0)_volume"] }
        return Table(columns: ["day"] + columns, rows: days.map { day in
            [.text(SeriesContext.date(day.day))]
                + codes.flatMap { code -> [Table.Cell] in
                    [.ratio(day.prices[code] ?? 0), .int(day.reserves[code]?.reserveItems ?? 0),
                     .int(day.reserves[code]?.reserveTickets ?? 0), .int(day.volume[code] ?? 0)]
                }
        })
    }
}
