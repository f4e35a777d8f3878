import Foundation
import GRDB
import Testing
@testable import Engine

/// Puts a database back as the release before "v16 job columns" left it: each job's payload in the
/// journal format it was queued in (what that release wrote, through the same encoder), the columns
/// and `job_items` gone, the migration forgotten.
private func undoJobColumns(at path: String) throws {
    try DatabaseQueue(path: path).write { db in
        try db.execute(sql: "ALTER TABLE jobs ADD COLUMN payload TEXT NOT NULL DEFAULT ''")
        let jobs = JobQueue(reading: db)
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM jobs") {
            guard let (queued, format) = try jobs.job(id) else { continue }
            try db.execute(sql: "UPDATE jobs SET payload = ? WHERE id = ?", arguments: [try queued.job.payload(format), id])
        }
        for column in ["account", "subject", "recipe", "version", "duration", "repeats", "variable_yield"] {
            try db.execute(sql: "ALTER TABLE jobs DROP COLUMN \(column)")
        }
        try db.execute(sql: "DROP TABLE job_items; DELETE FROM grdb_migrations WHERE identifier = 'v16 job columns'")
    }
}

private func stateHash(_ path: String) throws -> [UInt8] {
    try DatabaseQueue(path: path).read { try StateHash.compute(in: $0) }
}

@Suite("Jobs in columns: every kind reads back as queued, and older databases migrate")
struct JobColumnsTests {
    @Test("every kind of job reads back from its columns as it was queued")
    func roundTrip() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            let jobs = JobQueue(db: HotConnection(db, statements: StatementCache()))
            let craft = Craft(
                account: "alice", factory: 2, recipe: "jewel", version: "abc", inputs: [.init(asset: "lens", amount: 1), .init(asset: "ore", amount: 3)],
                outputs: [.init(asset: "jewel", amount: 1)], duration: 180_000, repeats: true, variableYield: true)
            for job in [Job.craft(craft), .expireOrder(3), .advanceProposal(4), .line(5), .payroll("acme")] {
                let id = try jobs.schedule(job, dueAt: 10, seq: 1, format: .v2)
                #expect(try jobs.job(id)?.queued == QueuedJob(id: id, job: job, dueAt: 10, state: .pending, attempts: 0))
            }
            // A variable yield, once decided, replaces the declared outputs.
            try jobs.record(made: [.init(asset: "jewel", amount: 2)], job: 1)
            var made = craft
            (made.outputs, made.variableYield) = ([.init(asset: "jewel", amount: 2)], false)
            #expect(try jobs.job(1)?.queued.job == .craft(made))
            // Format 1 knew crafts and order expiries only.
            #expect(throws: EncodingError.self) { try jobs.schedule(.line(1), dueAt: 0, seq: 1, format: .v1) }
            #expect(try jobs.job(try jobs.schedule(.expireOrder(9), dueAt: 0, seq: 1, format: .v1))?.format == .v1)
        }
    }

    @Test("format 1's pending jobs move into columns with the meaning they had: the state hash is unchanged")
    func formatOneMigrates() throws {
        let (stored, _) = try formatOneCopy()
        let (migrated, _) = try formatOneCopy()
        try Schema.migrator.migrate(try DatabaseQueue(path: migrated))
        let before = try DatabaseQueue(path: stored)
        try before.read { old in
            let pending = try Int.fetchOne(old, sql: "SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND kind = 'craft'")
            #expect(pending == 2)
            let after = try DatabaseQueue(path: migrated).read { try StateHash.compute(in: $0, tablesOf: old) }
            #expect(after == (try StateHash.compute(in: old)))
        }
    }

    @Test("a database with pending crafts from before the migration: they complete as they would have, and it verifies")
    func pendingCraftsMigrate() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        var engine = try await jewelBench(clock: clock, path: path)
        // The run of ProductionTests.variableYield, cut by an upgrade after 10 rounds: the same 41 jewels.
        try await craft(engine, "jewel", repeats: true, key: "jewels")
        for n in 0..<10 { try await runJobs(engine, clock, after: 180_000, key: "round\(n)") }
        let jobs = try engine.reader.jobs(of: "alice", all: true)
        engine.close()
        let hash = try stateHash(path)

        try undoJobColumns(at: path)
        #expect(try stateHash(path) == hash)
        let asStored = try Verifier().verify(path: path)
        #expect(asStored.ok, "\(asStored.problems)")

        engine = try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes)
        defer { engine.close() }
        #expect(try stateHash(path) == hash)
        #expect(try engine.reader.jobs(of: "alice", all: true) == jobs)
        guard case .craft(let pending) = try #require(try engine.reader.jobs(of: "alice").first).job else {
            Issue.record("not a craft")
            return
        }
        #expect(pending.variableYield && pending.repeats && pending.inputs.count == 2)
        for n in 10..<40 { try await runJobs(engine, clock, after: 180_000, key: "round\(n)") }
        #expect(try items(engine, "alice", "jewel") == 41)
        #expect(try engine.reader.invariantViolations() == [])
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }
}
