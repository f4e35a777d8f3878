import Foundation
import GRDB
import Testing
@testable import Engine

@Suite("Rules change while the engine runs")
struct HotReloadTests {
    /// Pays 1.00 TIX from alice to bob until the fee posted equals `expected` (or 10 s pass) and
    /// returns the last fee seen: the watcher polls, so a change takes effect within a few polls.
    func feeSettles(at expected: Int64, _ engine: Engine) async throws -> Int64 {
        let deadline = ContinuousClock.now + .seconds(10)
        var fee: Int64 = -1
        repeat {
            let receipt = try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 100))
            fee = receipt.postings.dropFirst().reduce(0) { $0 + $1.amount }
            if fee == expected { break }
            try await Task.sleep(for: .milliseconds(50))
        } while ContinuousClock.now < deadline
        return fee
    }

    @Test("a changed rule goes live without a restart; a broken one keeps the previous version; a removed one falls back to the default")
    func reload() async throws {
        let path = scratchPath()
        let rules = try rulesDirectory(["fees.lua": "function fee(t) return 1 end"])
        let fees = rules.appendingPathComponent("fees.lua")
        let engine = try Engine(path: path, rules: rules, watchRules: true)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 1000)
        #expect(try await feeSettles(at: 1, engine) == 1)

        try "function fee(t) return 3 end".write(to: fees, atomically: true, encoding: .utf8)
        #expect(try await feeSettles(at: 3, engine) == 3)

        try "function fee(t) return 4 end\nexamples = { { call = 'fee', args = { {} }, expect = 5 } }"
            .write(to: fees, atomically: true, encoding: .utf8)
        try "function fee(t) return 5".write(to: rules.appendingPathComponent("other.lua"), atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await feeSettles(at: 3, engine) == 3, "a failing example keeps the previous version live")

        try FileManager.default.removeItem(at: fees)
        #expect(try await feeSettles(at: 0, engine) == 0)

        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
        let versions = try await DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM rule_versions WHERE name = 'fees.lua'") }
        #expect(versions == 2)
    }

    @Test("at start-up a broken rule file is replaced by the last version the journal used")
    func brokenAtStartUp() async throws {
        let path = scratchPath()
        let rules = try rulesDirectory(["fees.lua": "function fee(t) return 2 end"])
        var engine = try Engine(path: path, rules: rules)
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        #expect(try await feeSettles(at: 2, engine) == 2)
        engine.close()

        try "function fee(t) return (".write(to: rules.appendingPathComponent("fees.lua"), atomically: true, encoding: .utf8)
        engine = try Engine(path: path, rules: rules)
        defer { engine.close() }
        #expect(try await feeSettles(at: 2, engine) == 2)
    }

    @Test("verify replays each entry with the rule version it ran with, and notices a forged version")
    func replayUsesJournaledVersions() async throws {
        let path = scratchPath()
        let rules = try rulesDirectory(["fees.lua": "function fee(t) return 2 end"])
        var engine = try Engine(path: path, rules: rules)
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        _ = try await feeSettles(at: 2, engine)
        engine.close()
        try "function fee(t) return 7 end".write(to: rules.appendingPathComponent("fees.lua"), atomically: true, encoding: .utf8)
        engine = try Engine(path: path, rules: rules)
        _ = try await feeSettles(at: 7, engine)
        engine.close()

        #expect(try Verifier().verify(path: path).ok)
        try await DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE rule_versions SET source = 'function fee(t) return 9 end' WHERE source LIKE '%return 7%'")
        }
        let report = try Verifier().verify(path: path)
        #expect(!report.ok)
        #expect(report.firstBadEntry != nil)
    }
}
