extension Ledger {
    /// Runs `body` all or nothing: inside a savepoint whose rollback, on a throw, also takes back the
    /// names cached, the citizenships and webhook endpoints changed and the rule versions stored since it began. Savepoints nest: a command, a job inside
    /// `runDueJobs`, the next round of a repeating craft.
    func atomically<T>(_ db: HotConnection, _ body: () throws -> T) throws -> T {
        try db.run("SAVEPOINT step")
        let mark = names.mark
        let citizenMark = citizens.mark
        let webhookMark = webhooks.mark
        do {
            let result = try body()
            try db.run("RELEASE step")
            return result
        } catch {
            try db.run("ROLLBACK TO step")
            try db.run("RELEASE step")
            names.forget(since: mark)
            citizens.undo(since: citizenMark)
            webhooks.undo(since: webhookMark)
            rules.stored.removeAll()
            throw error
        }
    }
}
