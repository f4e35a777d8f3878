import GRDB
import Testing
@testable import Engine

/// An acknowledged command survives a power cut only if its commit was fsynced: the writer's
/// connection must run at the `synchronous` level its durability names, whatever the database
/// library sets up on its own.
@Suite("Durability")
struct DurabilityTests {
    @Test(arguments: [(Durability.full, 2), (.normal, 1)])
    func writerSyncsAsItsDurabilityNames(_ durability: Durability, level: Int) async throws {
        let engine = try Engine(path: scratchPath(), durability: durability)
        defer { engine.close() }
        try await seed(engine, players: ["ann"], tickets: 1)
        #expect(try await engine.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == level)
    }
}
