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
        func active(_ days: ClosedRange<Int64>) -> Set<Int64> {
            days.reduce(into: Set<Int64>()) { $0.formUnion(context.days[$1]?.active ?? []) }
        }
        var circulating = context.days.filter { $0.key < context.range.lowerBound }.values.reduce(Int64(0)) {
            $0 + $1.issued - $1.burned
        }
        return context.daily(["dau", "wau", "mau", "new_players", "churned", "volume", "velocity"]) { number, day in
            circulating += day.issued - day.burned
            let month = active(number - 29...number)
            let churned = active(number - 59...number - 30).subtracting(month).count
            return [
                .int(Int64(day.active.count)), .int(Int64(active(number - 6...number).count)), .int(Int64(month.count)),
                .int(joined[number] ?? 0), .int(Int64(churned)), .int(day.volume),
                .ratio(Velocity.of(volume: day.volume, averageCirculating: Double(circulating))),
            ]
        }
    }
}
