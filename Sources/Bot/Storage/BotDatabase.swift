import Foundation
import GRDB

/// The bot's connection to the engine's database file, where its tables live (``BotSchema``).
///
/// A pool of its own beside the engine's: the bot's writes are small and never part of the ledger.
/// `synchronous = NORMAL` is enough for them: a commit lost to a power cut only makes the bot handle an
/// update again (its effects are idempotent) or send a reply twice.
struct BotDatabase: Sendable {
    let pool: DatabasePool

    /// Opens the file of an engine that has already migrated it, and brings the bot's tables up to date.
    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .callback(Self.waitForLock)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: config)
        try BotSchema.migrator.migrate(pool)
    }

    /// The engine's writer holds the file's write lock for each of its group commits, a few
    /// milliseconds; SQLite's own timeout would sleep a millisecond and more between tries. This tries
    /// again every 100 µs, for 10 s at most.
    private static let waitForLock: Database.BusyCallback = { tries in
        usleep(100)
        return tries < 100_000
    }

    /// A write transaction that takes the write lock at once, so it never fails half-way on a busy file.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    func close() throws { try pool.close() }
}
