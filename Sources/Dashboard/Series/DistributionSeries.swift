import Engine

/// Gini, top shares and median of the players' ticket balances now.
struct DistributionSeries: Series {
    let name = "distribution"
    let title = "Wealth distribution"
    let summary = "Players' ticket balances now: the Gini coefficient (0 equal, 1 one holds all), the shares of the richest 1 % and 10 %, and the median balance."
    let chart = ChartKind.table
    func isTickets(_ column: String) -> Bool { column == "total" || column == "median" }

    func table(in context: SeriesContext) throws -> Table {
        let balances = try context.balances.read(context.reader).map(\.balance)
        let wealth = WealthDistribution(balances)
        return Table(
            columns: ["players", "total", "gini", "top_1_percent_share", "top_10_percent_share", "median"],
            rows: [[
                .int(Int64(balances.count)), .int(balances.reduce(0) { $0 + max($1, 0) }), .ratio(wealth.gini),
                .ratio(wealth.topShare(0.01)), .ratio(wealth.topShare(0.10)), .int(wealth.median),
            ]])
    }
}

/// The Lorenz curve of the players' ticket balances.
struct LorenzSeries: Series {
    let name = "lorenz"
    let title = "Lorenz curve"
    let summary = "The poorest x share of players holds y of the tickets; the diagonal is perfect equality."
    let chart = ChartKind.curve

    func table(in context: SeriesContext) throws -> Table {
        let wealth = WealthDistribution(try context.balances.read(context.reader).map(\.balance))
        return Table(columns: ["population", "wealth"], rows: wealth.lorenz().map { [.ratio($0.population), .ratio($0.wealth)] })
    }
}

/// Wealth by the month players joined.
struct CohortSeries: Series {
    let name = "cohorts"
    let title = "Wealth by join cohort"
    let summary = "Players grouped by the month they opened their account: how many, what they hold together and on average."
    let chart = ChartKind.table
    func isTickets(_ column: String) -> Bool { column == "total" || column == "average" }

    func table(in context: SeriesContext) throws -> Table {
        // By day first: a date's text per day players joined, not per player.
        var days: [Int64: (players: Int64, total: Int64)] = [:]
        for player in try context.balances.read(context.reader) {
            let day = player.created / DayBook.dayMilliseconds
            days[day, default: (0, 0)].players += 1
            days[day, default: (0, 0)].total += max(player.balance, 0)
        }
        var cohorts: [String: (players: Int64, total: Int64)] = [:]
        for (day, joined) in days {
            let month = String(SeriesContext.date(day).prefix(7))
            cohorts[month, default: (0, 0)].players += joined.players
            cohorts[month, default: (0, 0)].total += joined.total
        }
        return Table(columns: ["cohort", "players", "total", "average"], rows: cohorts.sorted { $0.key < $1.key }.map {
            [.text($0.key), .int($0.value.players), .int($0.value.total), .int($0.value.total / $0.value.players)]
        })
    }
}
