/// Balances the writer has read or written, in memory: a posting is checked against them before
/// anything is written, so a refused payment never touches SQLite, and each balance is read from
/// SQLite once rather than on every change.
///
/// Write-through by default: every change is written to `balances` at once, so SQL that reads balances
/// inside the same transaction (pools, dissolution, payroll) sees what the cache holds. While
/// ``deferring``, a change is only marked, and ``flush(_:)`` writes each marked balance once, however
/// many commands of the batch moved it (see ``Ledger/defersBalanceWrites(_:)``). Every change is logged
/// with the value it replaced: a rolled-back savepoint puts those back (``undo(since:)``), and a failed
/// commit or a commit by another process (seen through `PRAGMA data_version`) empties the cache.
final class BalanceCache {
    struct Key: Hashable {
        var account: Int64
        var asset: Int64
    }

    /// The amount of each balance seen; `.some(nil)` is a balance with no row yet.
    private var amounts: [Key: Int64?] = [:]
    /// Changes since the last commit, each with what the cache held before (nil: nothing).
    private var log: [(key: Key, previous: Int64??)] = []
    private var dataVersion: Int64?
    /// Balances changed in memory and not yet written.
    private var unwritten: Set<Key> = []
    /// Balances deferred at some point of this transaction: a rolled-back savepoint may have taken back
    /// a flush of any of them, so after an undo they are all written again.
    private var deferred: Set<Key> = []
    /// Whether ``write(_:_:_:)`` leaves the row for ``flush(_:)``.
    var deferring = false
    /// Beyond this many balances the cache starts afresh at the next commit: memory stays bounded,
    /// and the writer's working set is read back on first use.
    static let capacity = 1_000_000

    var mark: Int { log.count }

    /// The stored amount, or nil when the balance has no row.
    func amount(_ key: Key, _ db: HotConnection) throws -> Int64? {
        if let known = amounts[key] { return known }
        let stored = try db.first(
            "SELECT amount FROM balances WHERE account_id = ? AND asset_id = ?", .int(key.account), .int(key.asset)) { $0.int(0) }
        amounts[key] = .some(stored)
        return stored
    }

    /// Sets the balance to `amount`: its row is written now, or at the next ``flush(_:)`` while deferring.
    func write(_ key: Key, _ amount: Int64, _ db: HotConnection) throws {
        let previous = try self.amount(key, db)
        if deferring {
            unwritten.insert(key)
            deferred.insert(key)
        } else if previous == nil {
            try db.run(
                "INSERT INTO balances (account_id, asset_id, amount) VALUES (?, ?, ?)", .int(key.account), .int(key.asset), .int(amount))
        } else {
            try db.run(
                "UPDATE balances SET amount = ? WHERE account_id = ? AND asset_id = ?", .int(amount), .int(key.account), .int(key.asset))
        }
        log.append((key, amounts[key]))
        amounts[key] = .some(amount)
    }

    /// Writes every deferred balance as the cache holds it now, in key order (the same file for the same
    /// batch, and neighbouring rows together). One that an undo took back to "not cached" or "no row"
    /// has nothing newer than its row: it is skipped.
    func flush(_ db: HotConnection) throws {
        for key in unwritten.sorted(by: { ($0.account, $0.asset) < ($1.account, $1.asset) }) {
            guard case .some(.some(let amount)) = amounts[key] else { continue }
            try db.run(
                """
                INSERT INTO balances (account_id, asset_id, amount) VALUES (?, ?, ?)
                ON CONFLICT (account_id, asset_id) DO UPDATE SET amount = excluded.amount
                """, .int(key.account), .int(key.asset), .int(amount))
        }
        unwritten.removeAll(keepingCapacity: true)
    }

    /// Puts back what was changed after `mark`: its savepoint was rolled back.
    func undo(since mark: Int) {
        guard mark <= log.count else { return forgetAll() }
        for entry in log[mark...].reversed() { amounts[entry.key] = entry.previous }
        log.removeSubrange(mark...)
        unwritten.formUnion(deferred)
    }

    func committed() {
        precondition(unwritten.isEmpty, "a deferred balance was not flushed before COMMIT")
        log.removeAll(keepingCapacity: true)
        deferred.removeAll(keepingCapacity: true)
        if amounts.count > Self.capacity { amounts.removeAll() }
    }

    func forgetAll() {
        amounts.removeAll()
        log.removeAll()
        unwritten.removeAll()
        deferred.removeAll()
    }

    /// At the start of each write transaction, with its `PRAGMA data_version`: another process's commit
    /// may have moved balances.
    func refresh(dataVersion version: Int64?) {
        if version != dataVersion { forgetAll() }
        dataVersion = version
    }
}
