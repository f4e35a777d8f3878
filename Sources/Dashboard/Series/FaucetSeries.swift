/// Tickets entering the economy per day, one column per source.
struct FaucetSeries: Series {
    let name = "faucets"
    let title = "Faucets by source"
    let summary = "Tickets issued from mint each day, by the command that paid them (claimReward:daily, quests, admin mints, pool openings)."
    let chart = ChartKind.lines
    func isTickets(_ column: String) -> Bool { true }

    func table(in context: SeriesContext) throws -> Table {
        let sources = context.keys { Array($0.faucets.keys) }
        return context.daily(sources) { _, day in sources.map { .int(day.faucets[$0] ?? 0) } }
    }
}
