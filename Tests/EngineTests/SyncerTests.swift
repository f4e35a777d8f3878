import Foundation
import Synchronization
import Testing
@testable import Engine

/// The flush behind ``Durability/full``: commits are answered after a flush of the WAL, in commit order.
@Suite("Syncer")
struct SyncerTests {
    @Test("queued answers all go out after a flush, in the order their commits were made, even when closing")
    func answersInOrder() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path, durability: .normal)
        try await seed(engine, players: ["alice"], tickets: 1)
        let syncer = try Syncer(database: path)
        let heard = Mutex<[Int?]>([])
        for n in 0..<100 {
            syncer.answerWhenDurable { failure in heard.withLock { $0.append(failure == nil ? n : nil) } }
        }
        syncer.close()
        syncer.run()  // drains what was queued before the close, then returns
        #expect(heard.withLock { $0 } == Array(0..<100))
        engine.close()
    }

    @Test("a database without a WAL is refused, in words that name the file: there would be nothing to flush")
    func noWAL() throws {
        let path = scratchPath()
        let error = #expect(throws: EngineError.self) { try Syncer(database: path) }
        #expect(error?.description == "Cannot open the write-ahead log \(path)-wal (No such file or directory), so commits"
            + " could not be flushed before answering: the engine does not start.")
    }

    @Test("with full durability every submitter hears back, and what it heard is on file after a reopen")
    func fullDurability() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path, durability: .full)
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        let results = await withTaskGroup(of: [Result<Receipt, any Error>].self) { group in
            for s in 0..<8 {
                group.addTask {
                    await engine.submit((0..<50).map { n in
                        Submission(actor: "alice", key: "s\(s)-\(n)", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 1))
                    })
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        engine.close()
        #expect(results.count == 400 && results.allSatisfy { (try? $0.get()) != nil })
        let reopened = try Engine(path: path)
        defer { reopened.close() }
        #expect(try tix(reopened, "bob") == 10_000 + 400)
        try expectSound(reopened)
    }
}
