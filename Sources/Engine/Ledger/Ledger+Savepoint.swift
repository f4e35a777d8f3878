extension Ledger {
    /// Runs `body` all or nothing: inside a savepoint whose rollback, on a throw, also takes back the
    /// names cached, the citizenships changed and the rule versions stored since it began. Savepoints nest: a command, a job inside
    /// `runDueJobs`, the next round of a repeating craft.
    func atomically<T>(_ db: HotConnection, _ body: () throws -> T) throws -> T {
        try db.run("SAVEPOINT step")
        let mark = names.mark
        let citizenMark = citizens.mark
        do {
            let result = try body()
            try db.run("RELEASE step")
            return result
        } catch {
            try db.run("ROLLBACK TO step")
            try db.run("RELEASE step")
            names.forget(since: mark)
            citizens.undo(since: citizenMark)
            rules.stored.removeAll()
            throw error
        }
    }
}
