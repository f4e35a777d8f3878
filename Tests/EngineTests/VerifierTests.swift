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

    @Test("entries name their rule versions by a set stored once; editing the set is found at its first entry")
    func ruleSets() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path, rules: shippedRules)
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        var paid: [Int64] = []
        for amount: Int64 in [100, 200, 300] {
            paid.append(try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: amount)).seq)
        }
        let firstPaid = paid[0]
        let entries = try engine.reader.journal(from: firstPaid, limit: 3)
        #expect(entries.allSatisfy { $0.rules.hasPrefix("fees.lua@") && $0.rules.contains(",sinks.lua@") }, "\(entries.map(\.rules))")
        engine.close()
        let (sets, texts) = try await DatabaseQueue(path: path).read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT rule_set) FROM journal WHERE seq >= ?", arguments: [firstPaid]),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal WHERE rules != ''"))
        }
        #expect(sets == 1)
        #expect(texts == 0)
        #expect(try Verifier().verify(path: path).ok)

        try await DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE rule_sets SET versions = replace(versions, 'fees.lua@', 'fees.lua@0')")
        }
        let report = try Verifier().verify(path: path)
        #expect(!report.ok)
        let first = try await DatabaseQueue(path: path).read {
            try Int64.fetchOne($0, sql: "SELECT MIN(seq) FROM journal WHERE rule_set IS NOT NULL")
        }
        #expect(report.firstBadEntry == first)
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
