extension Ledger {
    /// Runs `body` all or nothing: inside a savepoint whose rollback, on a throw, also takes back what the
    /// writer's caches learned since it began. Savepoints nest: a command, a job inside `runDueJobs`, the
    /// next round of a repeating craft.
    func atomically<T>(_ db: HotConnection, _ body: () throws -> T) throws -> T {
        try db.run("SAVEPOINT step")
        let marks = cacheMarks
        do {
            let result = try body()
            try db.run("RELEASE step")
            return result
        } catch {
            try db.run("ROLLBACK TO step")
            try db.run("RELEASE step")
            undo(to: marks)
            throw error
        }
    }

    /// Runs a whole command without a savepoint, two statements cheaper. Most refusals come before
    /// anything is written (postings are checked in memory first): then the caches are put back and the
    /// refusal passes on. A command that fails after writing throws ``HalfApplied``: only rolling back
    /// the whole transaction can take its writes back (see ``Committer``).
    func optimistically<T>(_ db: HotConnection, _ body: () throws -> T) throws -> T {
        let changes = db.totalChanges
        let marks = cacheMarks
        do {
            return try body()
        } catch {
            guard db.totalChanges == changes else { throw HalfApplied(cause: error) }
            undo(to: marks)
            throw error
        }
    }

    /// Where each cache's change log stood.
    struct CacheMarks {
        var names: Int
        var citizens: Int
        var webhooks: Int
        var balances: Int
    }

    var cacheMarks: CacheMarks {
        CacheMarks(names: names.mark, citizens: citizens.mark, webhooks: webhooks.mark, balances: balances.mark)
    }

    private func undo(to marks: CacheMarks) {
        names.forget(since: marks.names)
        citizens.undo(since: marks.citizens)
        webhooks.undo(since: marks.webhooks)
        balances.undo(since: marks.balances)
        rules.stored.removeAll()
    }

    /// The transaction committed: what the caches learned in it stands.
    func committed() {
        names.committed()
        citizens.committed()
        balances.committed()
    }

    /// The writes of a transaction that will not commit: every cache forgets what it learned.
    func forgetUncommitted() {
        names.forgetAll()
        citizens.forgetAll()
        webhooks.forgetAll()
        balances.forgetAll()
        rules.stored.removeAll()
    }
}

/// A command failed after it had written: its transaction must be rolled back as a whole.
struct HalfApplied: Error {
    var cause: any Error
}
