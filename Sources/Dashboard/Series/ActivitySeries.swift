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
        var activity = LastActivity()
        for day in context.days.keys.sorted() where day < context.range.lowerBound { activity.record(context.days[day]!.active, on: day) }
        var circulating = context.circulatingBefore
        return context.daily(["dau", "wau", "mau", "new_players", "churned", "volume", "velocity"]) { number, day in
            circulating += day.issued - day.burned
            activity.record(day.active, on: number)
            return [
                .int(Int64(day.active.count)), .int(activity.players(lastActiveIn: number - 6...number)),
                .int(activity.players(lastActiveIn: number - 29...number)), .int(joined[number] ?? 0),
                .int(activity.players(lastActiveIn: number - 59...number - 30)), .int(day.volume),
                .ratio(Velocity.of(volume: day.volume, averageCirculating: Double(circulating))),
            ]
        }
    }
}

/// Each player's last active day, walked forward one day at a time. Active in the 30 days ending on
/// day d means last active (as of d) within them; churned means last active in the 30 days before
/// those. So WAU, MAU and churn cost a sum over a few dozen days, not a union of sets.
struct LastActivity {
    private var last: [Int64: Int64] = [:]
    /// How many players were last active on each day.
    private var lastOn: [Int64: Int64] = [:]

    mutating func record(_ players: Set<Int64>, on day: Int64) {
        for player in players {
            if let before = last[player] { lastOn[before, default: 0] -= 1 }
            last[player] = day
            lastOn[day, default: 0] += 1
        }
    }

    func players(lastActiveIn days: ClosedRange<Int64>) -> Int64 {
        days.reduce(0) { $0 + (lastOn[$1] ?? 0) }
    }
}
