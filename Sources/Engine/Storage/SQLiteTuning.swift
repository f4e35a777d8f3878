import GRDB
import SQLiteShim

/// The SQLite settings the ledger runs with. None changes what is stored or when it is durable; each
/// takes work off the writer's path (issue #16's profile).
enum SQLiteTuning {
    /// Process-wide, once, before the first connection opens: no memory statistics, whose global mutex
    /// every allocation otherwise takes. If another part of the process opened SQLite first this is
    /// refused, and the engine runs as before, only slower.
    static let processSettings: Void = { _ = tix_sqlite_disable_memstatus() }()

    /// Pages of WAL the writer lets grow before it checkpoints (SQLite's default is 1,000): fewer,
    /// larger checkpoints, each syncing the database file once for ten times the commits.
    static let checkpointPages = 10_000

    /// Every connection's settings; the writer also gets a 64 MB page cache, so the balances and the
    /// indexes' upper pages it touches in every batch stay in memory (readers keep SQLite's default).
    static func prepare(_ db: Database, durability: Durability) throws {
        try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        guard !db.configuration.readonly else { return }
        try db.execute(sql: "PRAGMA cache_size = -65536")
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointPages)")
    }
}
