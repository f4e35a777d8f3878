/// Fees per day by the command that charged them and where each went.
struct SinkSeries: Series {
    let name = "sinks"
    let title = "Sinks by type, and where each fee went"
    let summary = "Fees charged each day by command (transfer, swap, market, factory...), split by destination: burned for good, or paid to the L1 treasury."
    let chart = ChartKind.lines
    func isTickets(_ column: String) -> Bool { true }

    func table(in context: SeriesContext) throws -> Table {
        let keys = Set(context.range.flatMap { context.days[$0].map { Array($0.fees.keys) } ?? [] })
            .sorted { ($0.source, $0.destination.rawValue) < ($1.source, $1.destination.rawValue) }
        return context.daily(keys.map { "\($0.source) → \($0.destination.rawValue)" }) { _, day in
            keys.map { .int(day.fees[$0] ?? 0) }
        }
    }
}
