/// Daily, weekly and monthly active players, new players, churn, volume and velocity.
struct ActivitySeries: Series {
    let name = "activity"
    let title = "Activity and velocity"
    let summary = "Active players sent tickets or items or claimed a reward: on the day (DAU), in the 7 and 30 days ending on it (WAU, MAU). Churned: active in the 30 days before those 30, not since. Velocity: the day's volume between holders ÷ circulating tickets."
    let chart = ChartKind.lines
    func plots(_ column: String) -> Bool { column != "volume" && column != "velocity" }
    func isTickets(_ column: String) -> Bool { column == "volume" }

    func table(in context: SeriesContext) throws -> Table {
        let joined = try context.balances.read(context.reader).reduce(into: [Int64: Int64]()) {
            $0[$1.created / DayBook.dayMilliseconds, default: 0] += 1
        }
        var circulating = context.circulatingBefore
        return context.daily(["dau", "wau", "mau", "new_players", "churned", "volume", "velocity"]) { number, day in
            circulating += day.issued - day.burned
            let window = context.activity.window(on: number)
            return [
                .int(day.active), .int(window.weekly), .int(window.monthly), .int(joined[number] ?? 0), .int(window.churned), .int(day.volume),
                .ratio(Velocity.of(volume: day.volume, averageCirculating: Double(circulating))),
            ]
        }
    }
}
