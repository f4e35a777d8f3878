import Foundation
import GRDB
import Testing
@testable import Engine

@Suite("Idempotency keys")
struct IdempotencyTests {
    @Test("the same key returns the original receipt and never applies twice, even after a restart")
    func acrossRestart() async throws {
        let path = scratchPath()
        let pay = Submission(actor: "alice", key: "order-77", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 100))
        var engine = try Engine(path: path)
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        let first = try await engine.submit(pay)
        let again = try await engine.submit(pay)
        #expect(again == first)
        engine.close()

        engine = try Engine(path: path)
        defer { engine.close() }
        let afterRestart = try await engine.submit(pay)
        #expect(afterRestart == first)
        #expect(try tix(engine, "alice") == 900)
        #expect(try engine.reader.journal(from: 1, limit: 100).count == 5)
    }

    @Test("repeats inside one group commit apply once")
    func withinOneBatch() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        let pay = Submission(actor: "alice", key: "dup", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 100))
        let results = await engine.submit([pay, pay, pay])
        let receipts = try results.map { try $0.get() }
        #expect(Set(receipts).count == 1)
        #expect(try tix(engine, "bob") == 1100)
    }

    @Test("a key reused for a different command is refused")
    func reusedForAnotherCommand() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        try await engine.submit(Submission(actor: "alice", key: "k1", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 1)))
        let before = try Snapshot(engine)
        await #expect(throws: Rejection.keyReused("k1")) {
            try await engine.submit(Submission(actor: "alice", key: "k1", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 2)))
        }
        #expect(try Snapshot(engine) == before)
    }

    @Test("keys belong to their actor")
    func scopedByActor() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        try await engine.submit(Submission(actor: "alice", key: "1", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 1)))
        try await engine.submit(Submission(actor: "bob", key: "1", command: .transfer(from: "bob", to: "alice", asset: "TIX", amount: 5)))
        #expect(try tix(engine, "alice") == 1004)
    }

    @Test("a refused command does not use up its key")
    func refusalKeepsKeyFree() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 1)
        let pay = Submission(actor: "alice", key: "retry-me", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 500))
        await #expect(throws: Rejection.self) { try await engine.submit(pay) }
        try await admin(engine, .mint(to: "alice", asset: "TIX", amount: 1000))
        #expect(try await engine.submit(pay).postings.count == 1)
    }

    /// Ordered by key, growing keys (the bot's are Telegram's update ids) append to the index instead of
    /// landing on a page per player: BENCHMARKS.md measures the bytes.
    @Test("the keys' one index leads with the key, on a new file and on a file of the previous release")
    func indexLeadsWithKey() throws {
        let (migrated, _) = try formatOneCopy()
        for path in [scratchPath(), migrated] {
            try Engine(path: path).close()
            let indexes = try DatabaseQueue(path: path).read { db in
                try Row.fetchAll(db, sql: "SELECT name, \"unique\" FROM pragma_index_list('journal')").map { row in
                    (row["unique"] as Bool, try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [row["name"]]))
                }
            }
            #expect(indexes.count == 1, "\(path): \(indexes)")
            #expect(indexes.first?.0 == true && indexes.first?.1 == ["key", "actor"], "\(path): \(indexes)")
        }
        let report = try Verifier().verify(path: migrated)
        #expect(report.ok && report.entries == 55, "\(report.problems)")
    }
}
