/// Each AMM pool's spot price, reserves and volume per day, and a raw-material price index.
struct PoolSeries: Series {
    let name = "pools"
    let title = "AMM pools and the raw-material index"
    let summary = "Each pool's spot price (tickets per item, reserves ratio at the day's end), its reserves and the tickets traded. The index prices the range's traded basket (Laspeyres, first day = 100)."
    let chart = ChartKind.lines
    func plots(_ column: String) -> Bool { column.hasSuffix("_price") || column == "raw_material_index" }
    func isTickets(_ column: String) -> Bool { column.hasSuffix("_reserve_tickets") || column.hasSuffix("_volume") }

    func table(in context: SeriesContext) throws -> Table {
        let scales = try AssetScales(context)
        let codes = Set(context.days.values.flatMap { $0.pools.keys }).sorted()
        // Reserves carried forward from the last change before each day.
        var reserves: [String: DayBook.PoolDay] = [:]
        for day in context.days.keys.sorted() where day < context.range.lowerBound {
            reserves.merge(context.days[day]!.pools) { $1 }
        }
        var rows: [(day: Int64, prices: [String: Double], volume: [String: Int64], reserves: [String: DayBook.PoolDay])] = []
        for number in context.range {
            reserves.merge(context.days[number]?.pools ?? [:]) { $1 }
            var prices: [String: Double] = [:]
            for (code, pool) in reserves {
                prices[code] = scales.price(tickets: pool.reserveTickets, items: pool.reserveItems, of: code)
            }
            rows.append((number, prices, (context.days[number]?.pools ?? [:]).mapValues(\.volumeTickets), reserves))
        }
        let index = Self.index(rows.map { ($0.prices, $0.volume) })
        let columns = codes.flatMap { ["\($0)_price", "\($0)_reserve_items", "\($0)_reserve_tickets", "\($0)_volume"] }
        return Table(columns: ["day"] + columns + ["raw_material_index"], rows: rows.map { row in
            [.text(SeriesContext.date(row.day))]
                + codes.flatMap { code -> [Table.Cell] in
                    [.ratio(row.prices[code] ?? 0), .int(row.reserves[code]?.reserveItems ?? 0),
                     .int(row.reserves[code]?.reserveTickets ?? 0), .int(row.volume[code] ?? 0)]
                }
                + [.ratio(index.value(at: row.prices) ?? 0)]
        })
    }

    /// Base: the first day with prices; weights: the range's volume of each item in base-price units
    /// (every item alike when nothing traded), so busier materials weigh more.
    static func index(_ days: [(prices: [String: Double], volume: [String: Int64])]) -> PriceIndex {
        let base = days.first { !$0.prices.isEmpty }?.prices ?? [:]
        var weights: [String: Double] = [:]
        for day in days {
            for (code, tickets) in day.volume { if let price = base[code], price > 0 { weights[code, default: 0] += Double(tickets) / price } }
        }
        if weights.values.allSatisfy({ $0 == 0 }) { weights = base.mapValues { _ in 1 } }
        return PriceIndex(weights: weights, basePrices: base)
    }
}
