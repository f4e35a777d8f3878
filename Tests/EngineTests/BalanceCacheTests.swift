import GRDB
import Testing
@testable import Engine

/// Deferred balances reach their rows at a flush, whatever savepoints rolled back in between.
@Suite("Balance cache")
struct BalanceCacheTests {
    static let alice = BalanceCache.Key(account: 1, asset: 1)
    static let bob = BalanceCache.Key(account: 2, asset: 1)

    /// Runs `body` in a transaction over a `balances` table where alice holds 10 and bob has no row.
    func withBalances(_ body: (HotConnection, BalanceCache) throws -> Void) throws {
        let queue = try DatabaseQueue(path: scratchPath())
        try queue.write { database in
            let db = HotConnection(database, statements: StatementCache())
            try db.run("CREATE TABLE balances (account_id INTEGER, asset_id INTEGER, amount INTEGER, PRIMARY KEY (account_id, asset_id))")
            try db.run("INSERT INTO balances VALUES (1, 1, 10)")
            let cache = BalanceCache()
            cache.deferring = true
            try body(db, cache)
        }
    }

    func stored(_ key: BalanceCache.Key, _ db: HotConnection) throws -> Int64? {
        try db.first("SELECT amount FROM balances WHERE account_id = ? AND asset_id = ?", .int(key.account), .int(key.asset)) { $0.int(0) }
    }

    @Test("a deferred balance changes its row only at the flush, once")
    func flushWrites() throws {
        try withBalances { db, cache in
            try cache.write(Self.alice, 7, db)
            try cache.write(Self.alice, 5, db)
            try cache.write(Self.bob, 2, db)
            #expect(try stored(Self.alice, db) == 10 && stored(Self.bob, db) == nil)
            try cache.flush(db)
            #expect(try stored(Self.alice, db) == 5 && stored(Self.bob, db) == 2)
        }
    }

    @Test("a flush inside a savepoint that is rolled back is made again by the next flush")
    func flushRolledBack() throws {
        try withBalances { db, cache in
            try cache.write(Self.alice, 5, db)  // an earlier command, not yet flushed
            try db.run("SAVEPOINT step")
            let mark = cache.mark
            try cache.flush(db)  // a job that reads balances in SQL
            try cache.write(Self.alice, 3, db)
            try cache.write(Self.bob, 4, db)  // a first row, inside the savepoint
            try cache.flush(db)
            try db.run("ROLLBACK TO step")
            try db.run("RELEASE step")
            cache.undo(since: mark)
            try cache.flush(db)
            #expect(try stored(Self.alice, db) == 5, "the earlier command's balance, whose flush the rollback took back")
            #expect(try stored(Self.bob, db) == nil, "no row for a balance only the rolled-back part created")
            #expect(try cache.amount(Self.alice, db) == 5)
        }
    }
}
