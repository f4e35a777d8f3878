import Foundation
import Testing

@testable import LuaBridge

/// A chunk whose functions cannot loop is charged per call, the length of its longest function,
/// instead of trapping at every instruction; any loop, anywhere in the chunk, keeps the count exact.
@Suite("Instruction budget charged per call")
struct CallChargeTests {
    static let loops: [String] = [
        "function f() while true do end end",
        "function f() repeat local x = 1 until x == 2 end",
        "function f() for i = 1, 3 do end end",
        "function f(t) for k in pairs(t) do end end",
        "function f() ::again:: goto again end",
        "function f() local function inner() while true do end end return inner end",
        "local x = 0 while x < 3 do x = x + 1 end function f() return x end",
    ]

    @Test(arguments: loops)
    func anyLoopCountsEveryInstruction(_ source: String) throws {
        let box = try sandbox(["loops.lua": source])
        #expect(box.callCharge(of: "loops.lua") == nil)
    }

    @Test func chunksWithoutLoopsAreChargedTheirLongestFunction() throws {
        let box = try sandbox([
            "short.lua": "function f() return 1 end",
            "longer.lua": """
                local function skip(x) if x then goto done end x = 1 ::done:: return x end
                function f(t)
                  local a, b, c = t.a, t.b, t.c
                  if a and b or c then return math.max(a, b, c) + skip(a) end
                  return (a or 0) * 2 + (b or 0) // 3 - (c or 0) % 5
                end
                """,
        ])
        let short = try #require(box.callCharge(of: "short.lua"))
        let longer = try #require(box.callCharge(of: "longer.lua"))
        #expect(short < longer)
        #expect(longer < 100)
    }

    /// The rules every transfer consults stay loop-free, as `rules/README.md` says they are.
    @Test(arguments: ["fees.lua", "sinks.lua"])
    func shippedTransferRulesAreChargedPerCall(_ name: String) throws {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../rules")
        let box = try LuaSandbox()
        try box.load(name: name, source: String(contentsOf: rules.appendingPathComponent(name), encoding: .utf8))
        #expect(box.callCharge(of: name) != nil)
    }

    /// `r(n)` makes n + 1 calls, each charged the chunk's charge: the budget ends it exactly there.
    @Test func everyCallIsCharged() throws {
        let budget: Int64 = 10_000
        let box = try sandbox(["r.lua": "function r(n) if n == 0 then return 0 end return r(n - 1) + 1 end"],
                              limits: SandboxLimits(instructions: budget, deadline: nil))
        let charge = try #require(box.callCharge(of: "r.lua"))
        let fits = budget / charge - 1  // calls: r(fits) down to r(0)
        #expect(try box.call("r.lua", "r", [.integer(fits - 1)], seed: 0).int() == fits - 1)
        #expect(luaError { _ = try box.call("r.lua", "r", [.integer(fits + 1)], seed: 0) }?.kind == .budgetExceeded)
    }

    /// Code compiled while a script runs may loop, and may be kept for later calls of any script.
    @Test func loadingCodeCountsEveryInstructionFromThenOn() throws {
        let box = try sandbox([
            "keeper.lua": "spin = load('while true do end') function go() spin() end",
            "plain.lua": "function f() return 1 end",
        ])
        #expect(box.callCharge(of: "plain.lua") != nil)
        #expect(luaError { _ = try box.call("keeper.lua", "go", seed: 0) }?.kind == .budgetExceeded)
        #expect(try box.call("plain.lua", "f", seed: 0).int() == 1)
    }
}
