import GRDB

/// Daily, weekly and monthly active players, new players, churn, volume and velocity.
struct ActivitySeries: Series {
    let name = "activity"
    let title = "Activity and velocity"
    let summary = "Active players sent tickets or items or claimed a reward: on the day (DAU), in the 7 and 30 days ending on it (WAU, MAU). Churned: active in the 30 days before those 30, not since. Velocity: the day's volume between holders ÷ circulating tickets."
    let chart = ChartKind.lines
    func plots(_ column: String) -> Bool { column != "volume" && column != "velocity" }
    func isTickets(_ column: String) -> Bool { column == "volume" }

    func table(in context: SeriesContext) throws -> Table {
        let joined = try context.reader.aggregate { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT created_at / ? AS day, COUNT(*) AS count FROM accounts WHERE kind = 'player' GROUP BY day
                """, arguments: [DayBook.dayMilliseconds]).map { ($0["day"] as Int64, $0["count"] as Int64) })
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
