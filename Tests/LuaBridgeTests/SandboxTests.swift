import Foundation
import Testing

@testable import LuaBridge

@Suite("Loading and calling scripts")
struct SandboxTests {
    let fees = """
        -- fees
        function fee(t)
          if t.amount < 100 then return 0 end
          return t.amount // 100
        end

        function split(t)
          return { burn = t.fee, treasury = 0 }
        end

        function broken(t)
          local x = nil
          return x.field
        end
        """

    @Test func callsFunctionsWithArguments() throws {
        let box = try sandbox(["fees.lua": fees])
        #expect(try box.call("fees.lua", "fee", [["amount": 1000]], seed: 0).int() == 10)
        #expect(try box.call("fees.lua", "fee", [["amount": 50]], seed: 0).int() == 0)
        #expect(try box.call("fees.lua", "split", [["fee": 10]], seed: 0).value == ["burn": 10, "treasury": 0])
    }

    @Test func recordLayoutsBuildTheSameTables() throws {
        let box = try sandbox(["r.lua": "function f(t) return { t.amount, t.asset, t.missing == nil, t.to_kind } end"])
        let layout = box.layout(["amount", "asset", "missing", "to_kind"])
        let viaLayout = try box.call("r.lua", "f", record: layout, [5, "TIX", nil, "org"], seed: 0).value
        let viaTable = try box.call("r.lua", "f", [["amount": 5, "asset": "TIX", "to_kind": "org"]], seed: 0).value
        #expect(viaLayout == [5, "TIX", true, "org"])
        #expect(viaLayout == viaTable)
        let short = luaError { _ = try box.call("r.lua", "f", record: layout, [5], seed: 0) }
        #expect(short?.kind == .contract)
        let foreign = try LuaSandbox().layout(["amount", "asset", "missing", "to_kind"])
        #expect(luaError { _ = try box.call("r.lua", "f", record: foreign, [5, "TIX", nil, "org"], seed: 0) }?.kind == .contract)
    }

    @Test func returnsAllResultsOnRequest() throws {
        let box = try sandbox(["multi.lua": "function two() return 1, 'b', nil end"])
        #expect(try box.callReturningAll("multi.lua", "two", seed: 0) == [1, "b", nil])
    }

    @Test func runtimeErrorsCarryFileAndLine() throws {
        let box = try sandbox(["fees.lua": fees])
        let error = luaError { _ = try box.call("fees.lua", "broken", seed: 0) }
        #expect(error?.kind == .runtime)
        #expect(error?.line == 13)
        #expect(error?.description == "fees.lua:13: attempt to index a nil value (local 'x')")
        let thrown = try sandbox(["e.lua": "function f()\n  error('no funds')\nend"])
        #expect(luaError { _ = try thrown.call("e.lua", "f", seed: 0) }?.description == "e.lua:2: no funds")
    }

    @Test func syntaxErrorsCarryFileAndLine() throws {
        let box = try LuaSandbox()
        let error = luaError { try box.load(name: "bad.lua", source: "function f()\n  return 1 +\nend") }
        #expect(error?.kind == .syntax)
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("bad.lua:3: unexpected symbol near 'end'") == true)
    }

    @Test func missingScriptsAndFunctionsAreNamed() throws {
        let box = try sandbox(["fees.lua": fees + "\nrate = 5"])
        let noScript = luaError { _ = try box.call("nope.lua", "fee", seed: 0) }
        #expect(noScript?.kind == .notFound)
        #expect(noScript?.description == "nope.lua: script is not loaded")
        let noFunction = luaError { _ = try box.call("fees.lua", "missing", seed: 0) }
        #expect(noFunction?.description == "fees.lua: function 'missing' is not defined")
        let notFunction = luaError { _ = try box.call("fees.lua", "rate", seed: 0) }
        #expect(notFunction?.description == "fees.lua: function 'rate' is a number, not a function")
    }

    @Test func replacingIsAtomic() throws {
        let box = try sandbox(["r.lua": "function v() return 1 end"])
        let first = try #require(box.sha256(of: "r.lua"))
        #expect(luaError { try box.load(name: "r.lua", source: "function v() return 2 end end") }?.kind == .syntax)
        #expect(luaError { try box.load(name: "r.lua", source: "function v() return 3 end error('late')") }?.kind == .runtime)
        #expect(luaError { try box.load(name: "r.lua", source: "function v() return 4 end while true do end") }?.kind == .budgetExceeded)
        #expect(try box.call("r.lua", "v", seed: 0).int() == 1)
        #expect(box.sha256(of: "r.lua") == first)
        try box.load(name: "r.lua", source: "function v() return 5 end")
        #expect(try box.call("r.lua", "v", seed: 0).int() == 5)
        #expect(box.sha256(of: "r.lua") != first)
    }

    @Test func replacementStartsFromAFreshEnvironment() throws {
        let box = try sandbox(["r.lua": "function old() return 1 end"])
        try box.load(name: "r.lua", source: "function new() return 2 end")
        #expect(luaError { _ = try box.call("r.lua", "old", seed: 0) }?.kind == .notFound)
    }

    @Test func hashIsSHA256OfTheSource() throws {
        let box = try LuaSandbox()
        let hash = try box.load(name: "abc.lua", source: "abc = 1")
        #expect(hash == ScriptFile.sha256Hex(of: "abc = 1"))
        #expect(box.sha256(of: "abc.lua") == hash)
        #expect(ScriptFile.sha256Hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ScriptFile(name: "x.lua", source: "abc").sha256 == ScriptFile.sha256Hex(of: "abc"))
    }

    @Test func unloadForgetsTheScript() throws {
        let box = try sandbox(["a.lua": "function f() return 1 end", "b.lua": "function f() return 2 end"])
        #expect(box.scriptNames == ["a.lua", "b.lua"])
        box.unload("a.lua")
        #expect(box.scriptNames == ["b.lua"])
        #expect(box.sha256(of: "a.lua") == nil)
        #expect(luaError { _ = try box.call("a.lua", "f", seed: 0) }?.kind == .notFound)
        #expect(try box.call("b.lua", "f", seed: 0).int() == 2)
    }

    @Test func randomIsDeterministicPerSeed() throws {
        let dice = """
            function roll()
              local out = {}
              for i = 1, 8 do out[i] = math.random(1, 1000000) end
              out[9] = math.random()
              return out
            end
            """
        let box = try sandbox(["dice.lua": dice])
        let first = try box.call("dice.lua", "roll", seed: 42).value
        #expect(try box.call("dice.lua", "roll", seed: 42).value == first)
        #expect(try box.call("dice.lua", "roll", seed: 43).value != first)
        // An independent sandbox reproduces the draws: nothing depends on process state.
        #expect(try sandbox(["dice.lua": dice]).call("dice.lua", "roll", seed: 42).value == first)
    }

    @Test func randomHonoursLuaRanges() throws {
        let box = try sandbox(["r.lua": """
            function check()
              for i = 1, 2000 do
                local a = math.random(3) ; assert(a >= 1 and a <= 3)
                local b = math.random(-2, 2) ; assert(b >= -2 and b <= 2)
                local c = math.random() ; assert(c >= 0 and c < 1)
              end
              assert(not pcall(math.random, 5, 1))
              return math.randomseed == nil
            end
            """])
        #expect(try box.call("r.lua", "check", seed: 7).bool())
    }

    @Test func iterationOrderIsDeterministic() throws {
        let box = try sandbox(["order.lua": """
            function keys()
              local t = { zeta = 1, alpha = 2, [3] = 3, [1] = 4, mid = 5, [true] = 6, [2.5] = 7 }
              local out = {}
              for k in pairs(t) do out[#out + 1] = tostring(k) end
              local k, viaNext = nil, {}
              repeat k = next(t, k) ; if k ~= nil then viaNext[#viaNext + 1] = tostring(k) end until k == nil
              return { table.concat(out, ","), table.concat(viaNext, ",") }
            end
            function tableKeys() for k in pairs({ [{}] = 1 }) do end end
            """])
        let expected = "true,1,2.5,3,alpha,mid,zeta"
        #expect(try box.call("order.lua", "keys", seed: 0).value == [.string(expected), .string(expected)])
        let error = luaError { _ = try box.call("order.lua", "tableKeys", seed: 0) }
        #expect(error?.message.contains("cannot iterate in a deterministic order over table keys") == true)
    }

    @Test func tableLibraryBehavesLikeLua() throws {
        let box = try sandbox(["t.lua": """
            function run()
              local t = { 5, 3, 9, 1 }
              table.sort(t)
              local desc = { 5, 3, 9, 1 }
              table.sort(desc, function(a, b) return a > b end)
              local stable = { {k=1,v="a"}, {k=0,v="b"}, {k=1,v="c"}, {k=0,v="d"} }
              table.sort(stable, function(a, b) return a.k < b.k end)
              local order = {}
              for i, e in ipairs(stable) do order[i] = e.v end
              local l = { 1, 2, 3 }
              table.insert(l, 4) ; table.insert(l, 1, 0)
              local removed = table.remove(l, 2)
              local moved = table.move({ 1, 2, 3 }, 1, 3, 2)
              return { table.concat(t, ","), table.concat(desc, ","), table.concat(order),
                       table.concat(l, ","), removed, table.concat(moved, ","), table.concat({ 1, "a", 2.5 }, "-", 2, 3),
                       select("#", table.unpack({ 1, 2, 3 })) }
            end
            """])
        #expect(try box.call("t.lua", "run", seed: 0).value == ["1,3,5,9", "9,5,3,1", "bdac", "0,2,3,4", 1, "1,1,2,3", "a-2.5", 3])
    }

    @Test func scriptsCanUseLoadForText() throws {
        let box = try sandbox(["l.lua": """
            local secret = 41
            helper = 1
            function run()
              local f = assert(load("return helper + 1"))
              local g = load("x = ", "=snippet")
              return { f(), g == nil }
            end
            """])
        #expect(try box.call("l.lua", "run", seed: 0).value == [2, true])
    }

    @Test func memoryUsageIsReported() throws {
        let box = try LuaSandbox()
        let before = box.memoryUsed
        try box.load(name: "m.lua", source: "big = {} for i = 1, 10000 do big[i] = i end")
        #expect(box.memoryUsed > before + 100_000)
    }
}
