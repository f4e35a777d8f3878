/// MER-style price indices per day: raw materials at the AMM, crafted goods on the P2P market.
struct IndexSeries: Series {
    let name = "indices"
    let title = "Price indices"
    let summary = "Laspeyres indices, the range's first priced day = 100: raw materials at their AMM spot prices, and crafted goods (the consumer index) at their average P2P fill prices, each basket weighted by the range's traded volume."
    let chart = ChartKind.lines

    func table(in context: SeriesContext) throws -> Table {
        let scales = try AssetScales(context.reader)
        let pools = PriceDays.pools(context, scales)
        let fills = PriceDays.fills(context, scales)
        let raw = PriceDays.index(pools.map { ($0.prices, $0.volume) })
        let consumer = PriceDays.index(fills)
        return Table(columns: ["day", "raw_material_index", "consumer_index"], rows: zip(pools, fills).map { pool, fill in
            [.text(SeriesContext.date(pool.day)), .ratio(raw.value(at: pool.prices) ?? 0), .ratio(consumer.value(at: fill.prices) ?? 0)]
        })
    }
}
