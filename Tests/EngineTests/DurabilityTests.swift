import GRDB
import Testing
@testable import Engine

/// What makes an acknowledged command survive a power cut: with ``Durability/full`` a flush of the WAL
/// before the answer. The writer commits at `synchronous = NORMAL` either way, which flushes nothing
/// itself (GRDB once silently lowered a FULL level set too early to NORMAL: the engine now states it).
@Suite("Durability")
struct DurabilityTests {
    @Test func fullDurabilityFlushesBeforeEveryAnswer() async throws {
        let engine = try Engine(path: scratchPath(), durability: .full)
        defer { engine.close() }
        try await seed(engine, players: ["ann", "bob"], tickets: 10)
        let syncer = try #require(engine.syncer)
        for n in 1...20 {
            let before = syncer.flushes
            try await admin(engine, .transfer(from: "ann", to: "bob", asset: "TIX", amount: 1))
            #expect(syncer.flushes > before, "answer \(n) came before a flush")
        }
    }

    @Test(arguments: [Durability.full, .normal])
    func writerCommitsWithoutFlushing(_ durability: Durability) async throws {
        let engine = try Engine(path: scratchPath(), durability: durability)
        defer { engine.close() }
        #expect(try await engine.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 1)
        #expect((engine.syncer != nil) == (durability == .full))
    }
}
