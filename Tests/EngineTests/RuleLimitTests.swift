import Foundation
import LuaBridge
import Testing
@testable import Engine

/// A rule that passes live must pass on replay, whatever the live engine ran before it; a rule that
/// holds the writer too long is refused, and the engine goes on.
@Suite("Rule limits on the ledger")
struct RuleLimitTests {
    func pay(_ engine: Engine, _ amount: Int64) async throws -> Receipt {
        try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: amount))
    }

    @Test("a rule that runs past the deadline refuses its command with file and line, and the engine goes on")
    func deadline() async throws {
        let path = scratchPath()
        let rules = try rulesDirectory(["fees.lua": """
            function fee(t)
              if t.amount == 13 then
                local a, b, n = ("x"):rep(65000), ("x"):rep(65000), 0
                for i = 1, 1e6 do if a < b then n = n + 1 end end
              end
              return 1
            end
            """])
        let limits = SandboxLimits(deadline: .milliseconds(5))
        let engine = try Engine(path: path, rules: rules, ruleLimits: limits)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) { try await pay(engine, 13) }
        guard case .ruleFailed(let message)? = error else {
            Issue.record("expected ruleFailed, got \(String(describing: error))")
            return
        }
        #expect(message == "fees.lua:4: took longer than 5 ms")
        #expect(try Snapshot(engine) == before)
        #expect(try await pay(engine, 100).postings.last?.amount == 1)
        #expect(try Verifier(ruleLimits: limits).verify(path: path).ok)
    }

    @Test("a fee returned as a float, even a whole one, refuses the command")
    func floatFee() async throws {
        let engine = try Engine(path: scratchPath(), rules: try rulesDirectory(["fees.lua": "function fee(t) return t.amount / 100 end"]))
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 10)
        let error = await #expect(throws: Rejection.self) { try await pay(engine, 100) }
        #expect(error == .ruleFailed("fees.lua: fee returned 1.0, a float; return a whole number (use // on integers, or math.floor)"))
    }

    /// A refused command leaves strings interned in the live state that the replay never has, so
    /// the accepted calls after it allocate less live than on replay; they also spend most of the
    /// instruction budget.
    static let nearLimits = """
        cache = {}
        function fee(t)
          if t.amount == 13 then
            for i = 1, 4000 do cache[i] = "key" .. i end
            error("refused")
          end
          local keys = {}
          for i = 1, 4000 do keys[i] = "key" .. i end
          local n = 0
          for i = 1, 50000 do n = n + i % 3 end
          return #keys // 1000
        end
        """

    /// The smallest value for which `passes` holds, between a failing `low` and a passing `high`.
    func smallest(_ low: Int, _ high: Int, _ passes: (Int) throws -> Bool) rethrows -> Int {
        var (low, high) = (low, high)
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if try passes(mid) { high = mid } else { low = mid }
        }
        return high
    }

    /// Whether the fee of a payment passes under `limits` after the refused command, as live.
    func passesLive(_ limits: SandboxLimits) throws -> Bool {
        let probe = try LuaSandbox(limits: limits)
        try probe.load(name: "fees.lua", source: Self.nearLimits)
        _ = try? probe.call("fees.lua", "fee", [["amount": 13]], seed: 0)
        return (try? probe.call("fees.lua", "fee", [["amount": 100]], seed: 0)) != nil
    }

    @Test("the replay of commands whose rules ran at their instruction and allocation limits gives the same receipts")
    func replayAtTheLimits() async throws {
        let instructions = smallest(1_000, 10_000_000) { value in
            (try? passesLive(SandboxLimits(instructions: Int64(value), deadline: nil))) ?? false
        }
        let allocation = smallest(1_000, 64 << 20) { value in
            (try? passesLive(SandboxLimits(instructions: Int64(instructions), allocationBytes: value, deadline: nil))) ?? false
        }
        // One hook step and one small block above the smallest: live, every payment is at its limits.
        let limits = SandboxLimits(instructions: Int64(instructions + 256), allocationBytes: allocation + 64, deadline: nil)
        let path = scratchPath()
        let engine = try Engine(path: path, rules: try rulesDirectory(["fees.lua": Self.nearLimits]), ruleLimits: limits)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        await #expect(throws: Rejection.self) { try await pay(engine, 13) }
        for _ in 0..<3 { #expect(try await pay(engine, 100).postings.last?.amount == 4) }

        let report = try Verifier(ruleLimits: limits).verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }
}
