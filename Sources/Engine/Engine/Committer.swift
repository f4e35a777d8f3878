import Dispatch
import GRDB
import LuaBridge

/// Applies a group of submissions in one SQLite transaction, each inside its own savepoint: a refused
/// command rolls back alone while the rest commit together.
///
/// Lives on the writer thread only, with the ledger's Lua rules; the type is not shared, which is what
/// makes the engine a single writer.
struct Committer {
    let clock: any EngineClock
    let ledger: Ledger
    private let statements = StatementCache()
    private let metrics = EngineMetrics()

    init(clock: any EngineClock, rules: RuleSet) {
        self.clock = clock
        ledger = Ledger(rules: rules)
    }

    /// Applies `batch` and commits. Results are in submission order; a commit that fails fails them all.
    func commit(_ batch: [Inbox.Prepared], in database: Database) -> [Result<Receipt, any Error>] {
        let db = HotConnection(database, statements: statements)
        let start = DispatchTime.now().uptimeNanoseconds
        metrics.batchSize.record(batch.count)
        defer { metrics.commitDuration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        do {
            try db.run("BEGIN IMMEDIATE")
            // Another process's commit may have changed citizenship or webhook endpoints.
            let dataVersion = try db.first("PRAGMA data_version") { $0.int(0) }
            ledger.citizens.refresh(dataVersion: dataVersion)
            ledger.webhooks.refresh(dataVersion: dataVersion)
            // Re-read the head each time: an admin command in another process may have appended.
            var head = try Journal.head(in: db)
            let results = batch.map { apply($0, head: &head, in: db) }
            try db.run("COMMIT")
            ledger.names.committed()
            ledger.citizens.committed()
            return results
        } catch {
            try? database.execute(sql: "ROLLBACK")
            ledger.names.forgetAll()
            ledger.citizens.forgetAll()
            ledger.webhooks.forgetAll()
            ledger.rules.stored.removeAll()
            return batch.map { _ in .failure(error) }
        }
    }

    /// The journal's unique `(actor, key)` index is the idempotency check: a repeated key fails, at the
    /// latest, when its entry is appended. Only then, and on refusals, is the earlier entry looked up, so
    /// the common path pays nothing for it.
    private func apply(_ prepared: Inbox.Prepared, head: inout Journal.Head, in db: HotConnection) -> Result<Receipt, any Error> {
        let (submission, command) = (prepared.submission, prepared.command)
        do {
            guard (1...128).contains(submission.key.utf8.count) else { throw Rejection.invalidKey }
            try submission.requirePlainText()
            do {
                return .success(try ledger.atomically(db) {
                    let at = max(head.at, clock.now())
                    let seq = head.seq + 1
                    let receipt = try ledger.apply(
                        submission.command, actor: submission.actor, key: submission.key, seq: seq, at: at,
                        format: .current, in: db)
                    if prepared.preview { throw Preview(receipt: receipt) }
                    try ledger.rules.storeConsultedVersions(seq: seq, in: db)
                    head = try Journal.append(
                        after: head, at: at, actor: submission.actor, key: submission.key, command: command,
                        result: Canonical.encode(receipt), rules: ledger.rules.consultedVersions, in: db)
                    return receipt
                })
            } catch let preview as Preview {
                return .success(preview.receipt)
            } catch {
                if let earlier = try Journal.entry(actor: submission.actor, key: submission.key, in: db) {
                    // Compared as commands: an entry of an older format encodes the same command differently.
                    guard earlier.command == submission.command else { throw Rejection.keyReused(submission.key) }
                    return .success(try Canonical.decode(Receipt.self, from: earlier.result))
                }
                throw error
            }
        } catch {
            EngineMetrics.refused(error)
            return .failure(error)
        }
    }
}

/// Unwinds a previewed command through the same rollback as a refusal, carrying what it would have done.
private struct Preview: Error {
    var receipt: Receipt
}
