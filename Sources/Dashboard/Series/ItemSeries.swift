/// Items produced and destroyed per day.
struct ItemSeries: Series {
    let name = "items"
    let title = "Items produced and destroyed"
    let summary = "Items issued each day (crafted or minted) and burned (consumed by crafts, cancel fees), in each item's minor units."
    let chart = ChartKind.lines

    func table(in context: SeriesContext) throws -> Table {
        context.daily(["produced", "destroyed"]) { _, day in
            [.int(day.produced.values.reduce(0, +)), .int(day.destroyed.values.reduce(0, +))]
        }
    }
}
