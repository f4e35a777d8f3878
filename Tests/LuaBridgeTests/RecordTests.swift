import Testing

@testable import LuaBridge

/// A record's table is refilled from call to call instead of rebuilt; every call must still see
/// exactly its own fields, whatever an earlier call did to the table.
@Suite("Record tables")
struct RecordTests {
    let source = """
        function probe(t)
          return { t.amount or "none", t.asset or "none", t.extra or "none", getmetatable(t) == nil }
        end
        function add(t) t.extra = "left behind" return 0 end
        function raw(t) rawset(t, "extra", "left behind") return 0 end
        function meta(t) setmetatable(t, { __index = function() return "leaked" end }) return 0 end
        function zero(t) t.amount = nil t.amount = 0 t.asset = "ore" return 0 end
        function nilkey(t)
          t[nil] = 1
        end
        function nankey(t) t[0 / 0] = 1 end
        function keep(t) saved = t return 0 end
        function peek() return saved.amount end
        function spin(t) while true do end end
        function retype(t) t.asset = 5 return 0 end
        """

    func probe(_ box: LuaSandbox, _ layout: LuaRecordLayout, _ amount: LuaValue, _ asset: LuaValue) throws -> LuaValue {
        try box.call("r.lua", "probe", record: layout, [amount, asset], seed: 0).value
    }

    @Test(arguments: ["add", "raw", "meta", "zero", "retype"])
    func whatACallDoesToItsTableIsGoneAtTheNext(function: String) throws {
        let box = try sandbox(["r.lua": source])
        let layout = box.layout(["amount", "asset"])
        #expect(try probe(box, layout, 5, "TIX") == [5, "TIX", "none", true])
        _ = try box.call("r.lua", function, record: layout, [5, "TIX"], seed: 0)
        #expect(try probe(box, layout, 7, "TIX") == [7, "TIX", "none", true])
        #expect(try probe(box, layout, 8, nil) == [8, "none", "none", true], "a .nil value clears its field")
    }

    /// A string field is left alone when the table already holds the same bytes; the comparison must
    /// tell apart texts that differ only past a prefix, in length, or in a zero byte.
    @Test func everyStringArrivesByteForByte() throws {
        let box = try sandbox(["r.lua": source])
        let layout = box.layout(["amount", "asset"])
        let long = String(repeating: "é", count: 40)
        for text in ["TIX", "", "TIXX", "TIX", "TI\u{0}X", "TI\u{0}Y", long, long + "!", long, "TIX"] {
            #expect(try probe(box, layout, 1, .string(text)) == [1, .string(text), "none", true])
        }
    }

    @Test func assigningToABadKeyStillNamesTheLine() throws {
        let box = try sandbox(["r.lua": source])
        let layout = box.layout(["amount", "asset"])
        #expect(luaError { _ = try box.call("r.lua", "nilkey", record: layout, [1, "TIX"], seed: 0) }?.description
            == "r.lua:9: index is nil")
        #expect(luaError { _ = try box.call("r.lua", "nankey", record: layout, [1, "TIX"], seed: 0) }?.description
            == "r.lua:11: index is NaN")
        #expect(try probe(box, layout, 2, "TIX") == [2, "TIX", "none", true])
    }

    @Test func aScriptNeverReceivesATableAnotherScriptKept() throws {
        let box = try sandbox(["a.lua": source, "r.lua": source])
        let layout = box.layout(["amount", "asset"])
        _ = try box.call("a.lua", "keep", record: layout, [1, "TIX"], seed: 0)
        // The script's own next call refills the table it kept: the table belongs to the call.
        _ = try box.call("a.lua", "probe", record: layout, [3, "TIX"], seed: 0)
        #expect(try box.call("a.lua", "peek", seed: 0).int() == 3)
        #expect(try probe(box, layout, 2, "TIX") == [2, "TIX", "none", true])
        #expect(try box.call("a.lua", "peek", seed: 0).int() == 3, "another script's call leaves it alone")
    }

    @Test func theBudgetBoundsEveryRecordCall() throws {
        let box = try sandbox(["r.lua": source], limits: SandboxLimits(instructions: 100_000, deadline: nil))
        let layout = box.layout(["amount", "asset"])
        for _ in 0..<3 {
            #expect(luaError { _ = try box.call("r.lua", "spin", record: layout, [1, "TIX"], seed: 0) }?.kind == .budgetExceeded)
            #expect(try probe(box, layout, 4, "TIX") == [4, "TIX", "none", true])
        }
    }

    @Test func reloadingAScriptGivesItANewTable() throws {
        let box = try sandbox(["r.lua": source])
        let layout = box.layout(["amount", "asset"])
        _ = try box.call("r.lua", "keep", record: layout, [1, "TIX"], seed: 0)
        try box.load(name: "r.lua", source: source + "\nfunction old() return saved == nil end")
        _ = try box.call("r.lua", "probe", record: layout, [9, "TIX"], seed: 0)
        #expect(try box.call("r.lua", "old", seed: 0).bool())
    }
}
