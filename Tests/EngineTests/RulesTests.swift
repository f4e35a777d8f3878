import Foundation
import GRDB
import LuaBridge
import Testing
@testable import Engine

/// A rules directory of the test's own.
func rulesDirectory(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tix-rules-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, source) in files { try source.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir
}

/// The rules shipped in the repository.
let shippedRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("rules")

@Suite("Lua rules on the ledger")
struct RulesTests {
    @Test("the shipped fee is charged on top and burned, inside the same atomic command")
    func shippedFee() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path, rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        let receipt = try await engine.submit(Submission(
            actor: "alice", key: "pay", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 5000)))
        #expect(receipt.postings.map(\.to) == ["bob", "sink"])
        #expect(receipt.postings.map(\.amount) == [5000, 25])
        #expect(try tix(engine, "alice") == 10000 - 5025)
        #expect(try engine.reader.supply().first { $0.asset == "TIX" }?.burned == 25)
        let entry = try #require(engine.reader.journal(from: receipt.seq, limit: 1).first)
        #expect(entry.rules.hasPrefix("fees.lua@") && entry.rules.contains("sinks.lua@"))
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("the sender must afford amount and fee together")
    func feeMustBeAffordable() async throws {
        let engine = try Engine(path: scratchPath(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 50)
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: "alice", key: "all", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 5000)))
        }
        #expect(error == .insufficientFunds(account: "alice", has: "50.00 TIX", needs: "50.25 TIX"))
        #expect(try Snapshot(engine) == before)
    }

    @Test("a treasury share from sinks.lua reaches the treasury account")
    func treasuryShare() async throws {
        let rules = try rulesDirectory([
            "fees.lua": "function fee(t) return 10 end",
            "sinks.lua": "function split(f) return { burn = 7, treasury = f.fee - 7 } end",
        ])
        let engine = try Engine(path: scratchPath(), rules: rules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 100))
        #expect(try tix(engine, "treasury") == 3)
        #expect(try tix(engine, "sink") == 7)
        #expect(try engine.reader.invariantViolations() == [])
    }

    @Test("a rule that fails or answers nonsense refuses the command with file and line, and changes nothing",
          arguments: [
            ("function fee(t)\n  return t.nothing.here\nend", "fees.lua:2:"),
            ("function fee(t) return -5 end", "cannot be negative"),
            ("function fee(t) return 'ten' end", "must be an integer"),
            ("function fee(t) while true do end end", "fees.lua"),
          ])
    func brokenRule(source: String, message: String) async throws {
        let engine = try Engine(path: scratchPath(), rules: try rulesDirectory(["fees.lua": source]))
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) {
            try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 100))
        }
        #expect(error?.code == "ruleFailed")
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(try Snapshot(engine) == before)
        // The engine goes on serving.
        try await admin(engine, .mint(to: "bob", asset: "TIX", amount: 1))
    }

    @Test("daily rewards follow the rule's cooldown and streak on the injected clock")
    func dailyStreak() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try Engine(path: path, clock: clock, rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["tapper"], tickets: 0)
        let claim = { (key: String) in
            try await engine.submit(Submission(actor: "tapper", key: key, command: .claimReward(account: "tapper", kind: .daily)))
        }
        #expect(try await claim("d1").postings.first?.amount == 1000)
        clock.advance(by: 3_600_000)
        let early = await #expect(throws: Rejection.self) { try await claim("d2") }
        #expect(early == .rewardNotReady(kind: .daily, waitMillis: 19 * 3_600_000))
        #expect(early?.description == "Your daily reward is not ready yet: come back in 19 h.")
        clock.advance(by: 20 * 3_600_000)
        #expect(try await claim("d3").postings.first?.amount == 1250)
        clock.advance(by: 72 * 3_600_000)
        #expect(try await claim("d4").postings.first?.amount == 1000)
        #expect(try tix(engine, "tapper") == 3250)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("tap rewards use math.random seeded from the command, so replay gives the same amounts")
    func deterministicTaps() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try Engine(path: path, clock: clock, rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["tapper"], tickets: 0)
        var amounts: [Int64] = []
        for n in 0..<30 {
            clock.advance(by: 11_000)
            let receipt = try await engine.submit(Submission(actor: "tapper", key: "tap\(n)", command: .claimReward(account: "tapper", kind: .tap)))
            amounts.append(receipt.postings[0].amount)
        }
        #expect(amounts.allSatisfy { (5...15).contains($0) })
        #expect(Set(amounts).count > 1, "the seed differs per command")
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("a rule's seed is docs/journal.md's SHA-256 of the command and the call, computed when the rule draws")
    func ruleSeed() throws {
        let rules = try RuleSet()
        try rules.install(ScriptFile(name: "fees.lua", source: "function fee(t) return math.random(0) end"))
        rules.begin(seq: 7, actor: "alice", key: "k1")
        let values: [LuaValue] = [1, "TIX", "alice", "bob", "player", "player"]
        let draws = try (1...2).map { _ in try rules.call("fees.lua", "fee", .transfer, values)?.int() }
        // The first draws of seeds SHA-256("7\0alice\0k1\0<n>")[0..<8], as the eager seeding drew them.
        #expect(draws == [-5_857_523_231_618_091_224, -4_313_402_746_794_145_165])
    }

    @Test("without a rules directory every default applies: no fee, no rewards")
    func defaults() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        #expect(try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 100)).postings.count == 1)
        await #expect(throws: Rejection.rewardsOff) { try await admin(engine, .claimReward(account: "alice", kind: .daily)) }
    }
}
