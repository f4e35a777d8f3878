import GRDB
import SQLiteShim

/// The SQLite settings the ledger runs with. None changes what is stored; each takes work off the
/// writer's path (issue #16's profile). The writer's `synchronous = NORMAL` leaves flushing a commit
/// to the ``Syncer``.
package enum SQLiteTuning {
    /// Process-wide, once, before the first connection opens: no memory statistics, whose global mutex
    /// every allocation otherwise takes. If another part of the process opened SQLite first this is
    /// refused, and the engine runs as before, only slower.
    static let processSettings: Void = { _ = tix_sqlite_disable_memstatus() }()

    /// Pages of WAL the writer lets grow before it checkpoints (SQLite's default is 1,000): fewer,
    /// larger checkpoints, each syncing the database file once for ten times the commits.
    static let checkpointPages = 10_000

    /// Opens the ledger's pool of connections. Its writer commits at `synchronous = NORMAL`, which writes
    /// the WAL without flushing it: with ``Durability/full`` the ``Syncer`` flushes it before anyone hears
    /// back, while the writer goes on. (GRDB's `DatabasePool` sets NORMAL on its writer as it turns WAL
    /// on, after `prepareDatabase`: a level set there would not last.)
    package static func openPool(path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in try prepare(db) }
        let pool = try DatabasePool(path: path, configuration: config)
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = NORMAL") }
        return pool
    }

    /// Every connection's settings; the writer also gets a 64 MB page cache, so the balances and the
    /// indexes' upper pages it touches in every batch stay in memory (readers keep SQLite's default).
    private static func prepare(_ db: Database) throws {
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        guard !db.configuration.readonly else { return }
        try db.execute(sql: "PRAGMA cache_size = -65536")
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointPages)")
    }
}
