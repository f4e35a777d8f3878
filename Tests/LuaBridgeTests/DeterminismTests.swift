import Testing

@testable import LuaBridge

/// What a rule computes must be the same on every machine and after any history, so that
/// `tix verify` reaches the receipts the live engine journaled.
@Suite("Deterministic rules")
struct DeterminismTests {
    @Test func aWholeFloatIsNotAnAmount() throws {
        let box = try sandbox(["fees.lua": """
            function fee(t) return 10.0 end
            function split(f) return { burn = 7 / 1, treasury = 0 } end
            function ok(t) return 21 // 2 + math.floor(2.5) end
            """])
        let fee = luaError { _ = try box.call("fees.lua", "fee", seed: 0).int() }
        #expect(fee?.description == "fees.lua: fee returned 10.0, a float; return a whole number (use // on integers, or math.floor)")
        let split = luaError { _ = try box.call("fees.lua", "split", seed: 0).int("burn") }
        #expect(split?.description.hasPrefix("fees.lua: split(): field 'burn' is 7.0, a float") == true)
        #expect(try box.call("fees.lua", "ok", seed: 0).int() == 12)
    }

    @Test func mathKeepsOnlyWhatIEEE754DefinesExactly() throws {
        let box = try sandbox(["m.lua": """
            function removed()
              return { math.exp == nil, math.log == nil, math.sin == nil, math.cos == nil, math.tan == nil,
                       math.asin == nil, math.acos == nil, math.atan == nil, math.randomseed == nil }
            end
            function kept()
              return { math.sqrt(16.0) == 4.0, math.floor(2.5), math.ceil(2.5), math.abs(-3), math.fmod(7, 3),
                       math.min(1, 2), math.max(1, 2), math.tointeger(3.0), math.type(1), math.ult(1, 2),
                       math.huge > 0, math.pi > 3, math.maxinteger > 0, math.mininteger < 0, math.random(5, 5) }
            end
            """])
        #expect(try box.call("m.lua", "removed", seed: 0).value == .array(Array(repeating: true, count: 9)))
        #expect(try box.call("m.lua", "kept", seed: 0).value
            == [true, 2, 3, 3, 1, 1, 2, 3, "integer", true, true, true, true, true, 5])
    }

    @Test(arguments: [
        ("function f(x) return x ^ 2 end", 1),
        ("local s = 'a ^ b' -- x ^ y\n--[[ ^ ]] local t = [==[\n^]==]\nlocal k = 2^10", 4),
        ("local s = \"it's \\\" ^\"\nfunction f() return 1 end\nfunction g(b) return b^3 end", 3),
    ])
    func powerIsRefusedAtLoad(source: String, line: Int) throws {
        let box = try LuaSandbox()
        let error = luaError { try box.load(name: "fees.lua", source: source) }
        #expect(error?.kind == .syntax)
        #expect(error?.line == line, "\(error.map(String.init(describing:)) ?? "")")
        #expect(error?.message.contains("the ^ operator is not allowed") == true)
        #expect(box.scriptNames.isEmpty)
    }

    @Test func patternsAndStringsMayUseTheCaret() throws {
        let box = try sandbox(["p.lua": "function f(s) return (s:gsub('^a', 'b')) .. [[^]] end -- ^"])
        #expect(try box.call("p.lua", "f", ["abc"], seed: 0).string() == "bbc^")
    }

    @Test func loadRefusesThePowerToo() throws {
        let box = try sandbox(["l.lua": "function f() local g, err = load('return 2 ^ 0.5') return { g == nil, err } end"])
        let result = try box.call("l.lua", "f", seed: 0)
        guard case .array(let items) = result.value, items.count == 2, case .string(let message) = items[1] else {
            Issue.record("unexpected \(result.value)")
            return
        }
        #expect(items[0] == true)
        #expect(message.hasPrefix("(load):1: the ^ operator is not allowed"))
    }

    @Test func theSeedIsAskedForOnlyWhenAScriptDraws() throws {
        let box = try sandbox(["dice.lua": """
            function roll(t)
              local out = {}
              for i = 1, 4 do out[i] = math.random(1, 1000000) end
              out[5] = math.random(0)
              out[6] = math.random(6)
              out[7] = math.random()
              return out
            end
            function calm(t) return t.amount // 2 end
            """])
        let layout = box.layout(["amount"])
        let source = CountingSeed(42)
        let lazy = try box.call("dice.lua", "roll", record: layout, [1], seedFrom: source).value
        #expect(source.asked == 1, "asked once, at the first draw")
        // Seed 42's draws as the eager seeding gave them: journals written before replay with the same dice.
        #expect(lazy == [968_471, 80511, 301_474, 221_346, -151_191_095_644_234_140, 1, 0.71925857787791558])
        #expect(try box.call("dice.lua", "roll", record: layout, [1], seed: 42).value == lazy)
        #expect(try box.call("dice.lua", "calm", record: layout, [10], seedFrom: source).int() == 5)
        #expect(source.asked == 1, "a call that never draws never asks")
    }

    final class CountingSeed: LuaSeedSource {
        let seed: UInt64
        var asked = 0
        init(_ seed: UInt64) { self.seed = seed }
        func luaSeed() -> UInt64 {
            asked += 1
            return seed
        }
    }

    @Test func weakTablesAreRefused() throws {
        let box = try sandbox(["w.lua": "function f() return setmetatable({}, { __mode = 'k' }) end"])
        #expect(luaError { _ = try box.call("w.lua", "f", seed: 0) }?.message.contains("weak tables") == true)
    }

    @Test func aMemoryErrorCaughtByTheScriptStillFailsTheCall() throws {
        let box = try sandbox(["hog.lua": """
            function hog()
              local ok = pcall(function() local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(1000) .. i end end)
              return ok and 1 or 2
            end
            """], limits: SandboxLimits(instructions: 1_000_000_000, memoryBytes: 4 << 20, deadline: nil))
        #expect(luaError { _ = try box.call("hog.lua", "hog", seed: 0) }?.kind == .memoryExceeded)
    }

    @Test func oneCallsAllocationIsCappedWhateverItFrees() throws {
        let box = try sandbox(["churn.lua": """
            function churn(n) for i = 1, n do local s = ("x"):rep(1000) .. i end return n end
            """], limits: SandboxLimits(instructions: 1_000_000_000, allocationBytes: 1 << 20, deadline: nil))
        #expect(try box.call("churn.lua", "churn", [100], seed: 0).int() == 100)
        let error = luaError { _ = try box.call("churn.lua", "churn", [10_000], seed: 0) }
        #expect(error?.kind == .memoryExceeded)
        #expect(error?.message == "allocated more than 1048576 bytes in one call")
        #expect(try box.call("churn.lua", "churn", [100], seed: 0).int() == 100)
    }

    /// The smallest instruction budget under which `work` succeeds, found by bisection, in a
    /// sandbox prepared by `history`.
    /// `work` runs keep's loop twice, so whenever its budget is nearly enough, keep's is too.
    func smallestBudget(history: (LuaSandbox) -> Void) throws -> Int64 {
        let source = """
            function keep() kept = {} for i = 1, 3000 do kept[i] = "key" .. i end end
            function work() local t = {} for r = 1, 2 do for i = 1, 3000 do t[i] = "key" .. i end end return #t end
            """
        var (low, high): (Int64, Int64) = (64, 1_000_000)  // work fails at low, succeeds at high
        while high - low > 1 {
            let mid = (low + high) / 2
            let box = try sandbox(["w.lua": source], limits: SandboxLimits(instructions: mid, deadline: nil))
            history(box)
            if (try? box.call("w.lua", "work", seed: 0)) != nil { high = mid } else { low = mid }
        }
        return high
    }

    @Test func theInstructionBudgetDoesNotDependOnEarlierCalls() throws {
        // After keep(), work() finds its strings interned and allocates far less: the budget
        // must not notice, or a call near it could pass live and fail on replay.
        let fresh = try smallestBudget { _ in }
        let afterHistory = try smallestBudget { box in
            _ = try? box.call("w.lua", "keep", seed: 0)
        }
        #expect(fresh == afterHistory)
    }
}
