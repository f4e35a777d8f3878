import Foundation
import GRDB
import LuaBridge
import Testing
@testable import Engine

/// The engine's rule reloads as a stream a test can wait on, instead of sleeping and hoping.
struct ReloadEvents: Sendable {
    let stream: AsyncStream<RuleReload>
    let report: @Sendable (RuleReload) -> Void

    /// The stream ends after `timeout` (a hang guard only: reloads normally come within a few polls).
    init(timeout: Duration = .seconds(60)) {
        let (stream, continuation) = AsyncStream.makeStream(of: RuleReload.self)
        self.stream = stream
        report = { continuation.yield($0) }
        Task {
            try? await Task.sleep(for: timeout)
            continuation.finish()
        }
    }
}

/// The next `count` reloads, or fewer if the hang guard ends the stream first.
func nextReloads(_ count: Int, from events: inout AsyncStream<RuleReload>.Iterator) async -> [RuleReload] {
    var seen: [RuleReload] = []
    while seen.count < count, let event = await events.next() { seen.append(event) }
    return seen
}

@Suite("Rules change while the engine runs")
struct HotReloadTests {
    /// Pays 1.00 TIX from alice to bob and returns the fee posted on top.
    func fee(_ engine: Engine) async throws -> Int64 {
        let receipt = try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 100))
        return receipt.postings.dropFirst().reduce(0) { $0 + $1.amount }
    }

    @Test("a changed rule goes live without a restart; a broken one keeps the previous version; a removed one falls back to the default")
    func reload() async throws {
        let path = scratchPath()
        let rules = try rulesDirectory(["fees.lua": "function fee(t) return 1 end"])
        let fees = rules.appendingPathComponent("fees.lua")
        let events = ReloadEvents()
        var reloads = events.stream.makeAsyncIterator()
        let engine = try Engine(path: path, rules: rules, watchRules: true, onRuleReload: events.report)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 1000)
        #expect(try await fee(engine) == 1)

        let three = ScriptFile(name: "fees.lua", source: "function fee(t) return 3 end")
        try three.source.write(to: fees, atomically: true, encoding: .utf8)
        #expect(await nextReloads(1, from: &reloads) == [.live(name: "fees.lua", version: three.sha256)])
        #expect(try await fee(engine) == 3)

        try "function fee(t) return 4 end\nexamples = { { call = 'fee', args = { {} }, expect = 5 } }"
            .write(to: fees, atomically: true, encoding: .utf8)
        try "function fee(t) return 5".write(to: rules.appendingPathComponent("other.lua"), atomically: true, encoding: .utf8)
        let refused = await nextReloads(2, from: &reloads)
        #expect(Set(refused) == [.kept(name: "fees.lua"), .kept(name: "other.lua")])
        #expect(try await fee(engine) == 3, "a failing example keeps the previous version live")

        try FileManager.default.removeItem(at: fees)
        #expect(await nextReloads(1, from: &reloads) == [.removed(name: "fees.lua")])
        #expect(try await fee(engine) == 0)

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
        #expect(try await fee(engine) == 2)
        engine.close()

        try "function fee(t) return (".write(to: rules.appendingPathComponent("fees.lua"), atomically: true, encoding: .utf8)
        engine = try Engine(path: path, rules: rules)
        defer { engine.close() }
        #expect(try await fee(engine) == 2)
    }

    @Test("verify replays each entry with the rule version it ran with, and notices a forged version")
    func replayUsesJournaledVersions() async throws {
        let path = scratchPath()
        let rules = try rulesDirectory(["fees.lua": "function fee(t) return 2 end"])
        var engine = try Engine(path: path, rules: rules)
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        #expect(try await fee(engine) == 2)
        engine.close()
        try "function fee(t) return 7 end".write(to: rules.appendingPathComponent("fees.lua"), atomically: true, encoding: .utf8)
        engine = try Engine(path: path, rules: rules)
        #expect(try await fee(engine) == 7)
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
