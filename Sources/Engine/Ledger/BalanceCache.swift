/// Balances the writer has read or written, in memory: a posting is checked against them before
/// anything is written, so a refused payment never touches SQLite, and each balance is read from
/// SQLite once rather than on every change.
///
/// Write-through: every change is written to `balances` at once, so SQL that reads balances inside the
/// same transaction (pools, dissolution, invariants) sees what the cache holds. Every change is logged
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

    /// Writes `amount` as the balance's new value: an update of its row, or its first row.
    func write(_ key: Key, _ amount: Int64, _ db: HotConnection) throws {
        let previous = try self.amount(key, db)
        if previous == nil {
            try db.run(
                "INSERT INTO balances (account_id, asset_id, amount) VALUES (?, ?, ?)", .int(key.account), .int(key.asset), .int(amount))
        } else {
            try db.run(
                "UPDATE balances SET amount = ? WHERE account_id = ? AND asset_id = ?", .int(amount), .int(key.account), .int(key.asset))
        }
        log.append((key, amounts[key]))
        amounts[key] = .some(amount)
    }

    /// Puts back what was changed after `mark`: its savepoint was rolled back.
    func undo(since mark: Int) {
        guard mark <= log.count else { return forgetAll() }
        for entry in log[mark...].reversed() { amounts[entry.key] = entry.previous }
        log.removeSubrange(mark...)
    }

    func committed() {
        log.removeAll(keepingCapacity: true)
        if amounts.count > Self.capacity { amounts.removeAll() }
    }

    func forgetAll() {
        amounts.removeAll()
        log.removeAll()
    }

    /// At the start of each write transaction, with its `PRAGMA data_version`: another process's commit
    /// may have moved balances.
    func refresh(dataVersion version: Int64?) {
        if version != dataVersion { forgetAll() }
        dataVersion = version
    }
}
