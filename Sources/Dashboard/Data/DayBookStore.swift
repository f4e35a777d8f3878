import Foundation
import GRDB

/// Where a ``DayBook`` keeps what it has read (``DashboardSchema``): each day's totals as JSON, each
/// player's last active day, the windows of the days that can no longer change, and the ids read up to,
/// all saved in one transaction so they always agree.
public struct DayBookStore: Sendable {
    let pool: DatabasePool

    /// Opens the file of an engine that has already migrated it, and brings the dashboard's tables up
    /// to date. A save waits up to 10 s for the engine's writer, whose commits take 0.2 s at most.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: config)
        try DashboardSchema.migrator.migrate(pool)
    }

    func load() throws -> DayBook.State {
        try pool.read { db in
            var state = DayBook.State()
            if let row = try Row.fetchOne(db, sql: "SELECT posting, pool_change, fill, craft_seq FROM dashboard_cursor") {
                state.cursor = DayBook.Cursor(posting: row[0], poolChange: row[1], fill: row[2], craftSeq: row[3])
            }
            let decoder = JSONDecoder()
            let days = try Row.fetchCursor(db, sql: "SELECT day, totals FROM dashboard_days")
            while let row = try days.next() {
                state.snapshot.days[row[0]] = try decoder.decode(DayBook.Day.self, from: Data((row[1] as String).utf8))
            }
            var lastOn: [Int64: Int64] = [:]
            let players = try Row.fetchCursor(db, sql: "SELECT account_id, last_active_day FROM dashboard_players")
            while let row = try players.next() {
                state.lastActive[row[0]] = row[1]
                lastOn[row[1], default: 0] += 1
            }
            var closed: [Int64: ActivityWindows.Window] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT day, weekly, monthly, churned FROM dashboard_windows") {
                closed[row[0]] = ActivityWindows.Window(weekly: row[1], monthly: row[2], churned: row[3])
            }
            state.snapshot.activity = ActivityWindows(lastOn: lastOn, closed: closed)
            return state
        }
    }

    /// The cursor and what changed since the last save.
    func save(_ state: DayBook.State) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO dashboard_cursor VALUES (1, ?, ?, ?, ?)",
                    arguments: [state.cursor.posting, state.cursor.poolChange, state.cursor.fill, state.cursor.craftSeq])
                let encoder = JSONEncoder()
                let day = try db.cachedStatement(sql: "INSERT OR REPLACE INTO dashboard_days VALUES (?, ?)")
                for number in state.changedDays {
                    let totals = String(decoding: try encoder.encode(state.snapshot.days[number] ?? DayBook.Day()), as: UTF8.self)
                    try day.execute(arguments: [number, totals])
                }
                let player = try db.cachedStatement(sql: "INSERT OR REPLACE INTO dashboard_players VALUES (?, ?)")
                for id in state.changedPlayers { try player.execute(arguments: [id, state.lastActive[id]]) }
                let window = try db.cachedStatement(sql: "INSERT OR REPLACE INTO dashboard_windows VALUES (?, ?, ?, ?)")
                for closed in state.closedWindows {
                    try window.execute(arguments: [closed.day, closed.window.weekly, closed.window.monthly, closed.window.churned])
                }
                return .commit
            }
        }
    }
}
