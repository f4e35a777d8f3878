import Dispatch
import GRDB
import LuaBridge

/// Applies a group of submissions in one SQLite transaction: a refused command changes nothing while
/// the rest commit together.
///
/// Commands run without savepoints: most refusals are found before anything is written. When one fails
/// after writing, the transaction is rolled back and the batch applied again with a savepoint per command,
/// which gives the same results (the ledger is deterministic) at the old cost.
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
            let results: [Result<Receipt, any Error>]
            do {
                results = try transaction(batch, savepoints: false, db)
            } catch is HalfApplied {
                metrics.reapplied.increment()
                results = try transaction(batch, savepoints: true, db)
            }
            for case .failure(let error) in results { EngineMetrics.refused(error) }
            return results
        } catch {
            return batch.map { _ in .failure(error) }
        }
    }

    /// One attempt at the batch, committed; rolled back on any throw.
    private func transaction(_ batch: [Inbox.Prepared], savepoints: Bool, _ db: HotConnection) throws -> [Result<Receipt, any Error>] {
        do {
            try db.run("BEGIN IMMEDIATE")
            // Another process's commit may have changed citizenship, webhook endpoints or balances.
            let dataVersion = try db.first("PRAGMA data_version") { $0.int(0) }
            ledger.citizens.refresh(dataVersion: dataVersion)
            ledger.webhooks.refresh(dataVersion: dataVersion)
            ledger.balances.refresh(dataVersion: dataVersion)
            // Re-read the head each time: an admin command in another process may have appended.
            var head = try Journal.head(in: db)
            let results = try batch.map { prepared in
                try ledger.prepareBalances(for: prepared.submission.command, db)
                return try apply(prepared, head: &head, savepoint: savepoints || prepared.preview, in: db)
            }
            try ledger.balances.flush(db)
            try db.run("COMMIT")
            ledger.committed()
            return results
        } catch {
            try? db.db.execute(sql: "ROLLBACK")
            ledger.forgetUncommitted()
            throw error
        }
    }

    /// The journal's unique `(actor, key)` index is the idempotency check: a repeated key fails, at the
    /// latest, when its entry is appended. Only then, and on refusals, is the earlier entry looked up, so
    /// the common path pays nothing for it. Throws only ``HalfApplied``; a refusal is a result.
    private func apply(
        _ prepared: Inbox.Prepared, head: inout Journal.Head, savepoint: Bool, in db: HotConnection
    ) throws -> Result<Receipt, any Error> {
        let (submission, command) = (prepared.submission, prepared.command)
        do {
            guard (1...128).contains(submission.key.utf8.count) else { throw Rejection.invalidKey }
            try submission.requirePlainText()
            do {
                func step() throws -> Receipt {
                    let at = max(head.at, clock.now())
                    let seq = head.seq + 1
                    let receipt = try ledger.apply(
                        submission.command, actor: submission.actor, key: submission.key, seq: seq, at: at,
                        format: .current, in: db)
                    if prepared.preview { throw Preview(receipt: receipt) }
                    try ledger.rules.storeConsultedVersions(seq: seq, in: db)
                    head = try Journal.append(
                        after: head, at: at, actor: submission.actor, key: submission.key, command: command,
                        result: Canonical.encode(receipt), rules: ledger.rules.consultedVersions, names: ledger.names, in: db)
                    return receipt
                }
                return .success(try savepoint ? ledger.atomically(db, step) : ledger.optimistically(db, step))
            } catch let preview as Preview {
                return .success(preview.receipt)
            } catch let halfApplied as HalfApplied {
                throw halfApplied
            } catch {
                if let earlier = try Journal.entry(actor: submission.actor, key: submission.key, in: db) {
                    // Compared as commands: an entry of an older format encodes the same command differently.
                    guard earlier.command == submission.command else { throw Rejection.keyReused(submission.key) }
                    return .success(try Canonical.decode(Receipt.self, from: earlier.result))
                }
                throw error
            }
        } catch let halfApplied as HalfApplied {
            throw halfApplied
        } catch {
            return .failure(error)
        }
    }
}

/// Unwinds a previewed command through the same rollback as a refusal, carrying what it would have done.
private struct Preview: Error {
    var receipt: Receipt
}
