import Testing

@testable import LuaBridge

/// Work the instruction count cannot see (inside C: comparing and sorting long strings) is
/// stopped by the wall-clock deadline, located at the rule's own line.
@Suite("Wall-clock deadline")
struct DeadlineTests {
    static let limits = SandboxLimits(deadline: .milliseconds(5))

    @Test(arguments: [
        // Each `<` scans two 64 KB strings in C: a few microseconds per instruction, seconds in all.
        ("compare", 4, """
            local a, b, n = ("x"):rep(65000), ("x"):rep(65000), 0
            for i = 1, 1e6 do
              if a < b or a == b then n = n + 1 end
            end
            return n
            """),
        // The merge sort compares in C, out of the count hook's sight.
        ("sort", 4, """
            local t, s = {}, ("y"):rep(65000)
            for i = 1, 4000 do t[i] = s end
            table.sort(t)
            return #t
            """),
        // An expensive comparator: few instructions, long string comparisons.
        ("comparator", 4, """
            local t, s = {}, ("z"):rep(65000)
            for i = 1, 4000 do t[i] = s end
            table.sort(t, function(x, y) return x < y end)
            return #t
            """),
    ])
    func slowWorkStopsAtTheDeadline(name: String, line: Int, body: String) throws {
        let box = try sandbox(["slow.lua": "function slow()\n\(body)\nend", "ok.lua": "function ok() return 1 end"], limits: Self.limits)
        let error = luaError { _ = try box.call("slow.lua", "slow", seed: 0) }
        #expect(error?.kind == .deadlineExceeded, "\(error.map(String.init(describing:)) ?? "")")
        #expect(error?.file == "slow.lua")
        #expect(error?.line.map { (2...line + 1).contains($0) } == true, "\(error.map(String.init(describing:)) ?? "")")
        #expect(error?.message == "took longer than 5 ms")
        #expect(try box.call("ok.lua", "ok", seed: 0).int() == 1, "the sandbox goes on after a stopped call")
    }

    @Test func aCaughtDeadlineStillFailsTheCall() throws {
        let box = try sandbox(["slow.lua": """
            function slow()
              local a, b = ("x"):rep(65000), ("x"):rep(65000)
              local ok = pcall(function() while true do local _ = a < b end end)
              return ok and 1 or 2
            end
            """], limits: SandboxLimits(instructions: 1_000_000_000, deadline: .milliseconds(5)))
        #expect(luaError { _ = try box.call("slow.lua", "slow", seed: 0) }?.kind == .deadlineExceeded)
    }

    @Test func loadsAreNotTimedSoAReloadDoesNotDependOnTheMachine() throws {
        let slow = """
            local a, b, n = ("x"):rep(65000), ("x"):rep(65000), 0
            for i = 1, 5000 do if a < b then n = n + 1 end end
            """
        let box = try LuaSandbox(limits: SandboxLimits(deadline: .milliseconds(5)))
        try box.load(name: "slow.lua", source: slow + "\nfunction again()\n" + slow + "\nend")
        #expect(luaError { _ = try box.call("slow.lua", "again", seed: 0) }?.kind == .deadlineExceeded)
    }

    @Test func replayLimitsHaveNoDeadlineAndTheSameBudget() {
        let live = SandboxLimits()
        #expect(live.deadline != nil)
        #expect(live.replay.deadline == nil)
        #expect(live.replay.instructions == live.instructions)
        #expect(live.replay.maxStringLength == live.maxStringLength)
        #expect(live.replay.allocationBytes > live.allocationBytes)
    }
}
