import Foundation
import GRDB
import Testing
@testable import Engine

@Suite("tix verify")
struct VerifierTests {
    /// A ledger with a few entries, closed so the test can tamper with the file.
    func ledger() async throws -> String {
        let path = scratchPath()
        let engine = try Engine(path: path)
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 300))
        try await admin(engine, .transfer(from: "bob", to: "alice", asset: "TIX", amount: 50))
        engine.close()
        return path
    }

    @Test("an untouched ledger verifies, with a stable head hash")
    func clean() async throws {
        let path = try await ledger()
        let report = try Verifier().verify(path: path)
        #expect(report.ok)
        #expect(report.entries == 6)
        let stored = try await DatabaseQueue(path: path).read { try Data.fetchOne($0, sql: "SELECT hash FROM journal WHERE seq = 6") }
        #expect(report.headHash == [UInt8](try #require(stored)).hex)
    }

    @Test("an edited journal entry is named", arguments: [
        "UPDATE journal SET command = replace(command, '\"amount\":300', '\"amount\":3') WHERE seq = 5",
        "UPDATE journal SET at = at + 1 WHERE seq = 5",
        "UPDATE journal SET result = replace(result, '\"amount\":300', '\"amount\":301') WHERE seq = 5",
    ])
    func tamperedEntry(sql: String) async throws {
        let path = try await ledger()
        let changed = try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: sql)
            return db.changesCount
        }
        #expect(changed == 1)
        let report = try Verifier().verify(path: path)
        #expect(!report.ok)
        #expect(report.firstBadEntry == 5)
    }

    @Test("a deleted entry breaks the chain at the gap")
    func deletedEntry() async throws {
        let path = try await ledger()
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM journal WHERE seq = 4") }
        #expect(try Verifier().verify(path: path).firstBadEntry == 5)
    }

    @Test("a balance edited behind the journal's back is found")
    func tamperedBalance() async throws {
        let path = try await ledger()
        try await DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE balances SET amount = amount + 1 WHERE account_id = (SELECT id FROM accounts WHERE name = 'bob')")
        }
        let report = try Verifier().verify(path: path)
        #expect(!report.ok)
        #expect(report.problems.contains { $0.contains("differs from the replayed state") })
        #expect(report.problems.contains { $0.contains("bob holds") })
    }
}
