import Foundation
import Testing

@testable import LuaBridge

@Suite("Values crossing the boundary")
struct ValueTests {
    let echo = "function echo(...) return ... end"

    @Test func roundTripsNestedValues() throws {
        let box = try sandbox(["echo.lua": echo])
        let value: LuaValue = [
            "amount": 1000, "rate": 0.25, "asset": "TIX", "active": true,
            "legs": [["to": "alice", "amount": 1], ["to": "bob", "amount": 2]],
            "tags": ["a", "b"], "note": "caf\u{e9} \"q\"\n",
        ]
        #expect(try box.call("echo.lua", "echo", [value], seed: 0).value == value)
    }

    @Test func luaTablesConvertByKeyShape() throws {
        let box = try sandbox(["shapes.lua": """
            function array() return { 10, 20, 30 } end
            function record() return { burn = 10, treasury = 0 } end
            function empty() return {} end
            function float() return 1.5 end
            function integral_float() return 2.0 end
            """])
        #expect(try box.call("shapes.lua", "array", seed: 0).value == [10, 20, 30])
        #expect(try box.call("shapes.lua", "record", seed: 0).value == ["burn": 10, "treasury": 0])
        #expect(try box.call("shapes.lua", "empty", seed: 0).value == .table([:]))
        #expect(try box.call("shapes.lua", "float", seed: 0).value == .number(1.5))
        #expect(try box.call("shapes.lua", "integral_float", seed: 0).value == .number(2.0))
    }

    @Test(arguments: [
        ("return { 1, 2, x = 3 }", "table mixes array indices and string keys"),
        ("return { [1] = 1, [5] = 5 }", "sparse arrays are not supported"),
        ("return { [true] = 1 }", "table keys must be strings or array indices, got boolean"),
        ("return { [1.5] = 1 }", "table keys must be strings or array indices, got number"),
        ("return { f = function() end }", "result.f: a function cannot leave Lua"),
        ("local t = {} t.self = t return t", "nested more than 32 levels deep"),
    ])
    func refusesUnconvertibleResults(body: String, message: String) throws {
        let box = try sandbox(["bad.lua": "function f() \(body) end"])
        let error = luaError { _ = try box.call("bad.lua", "f", seed: 0) }
        #expect(error?.kind == .contract)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.description.hasPrefix("bad.lua: f(): result") == true)
    }

    @Test func refusesTooDeepArguments() throws {
        let box = try sandbox(["echo.lua": echo])
        var deep: LuaValue = 1
        for _ in 0..<40 { deep = ["next": deep] }
        let error = luaError { _ = try box.call("echo.lua", "echo", [deep], seed: 0) }
        #expect(error?.kind == .contract)
        #expect(error?.message.hasPrefix("echo(): argument 1.next.next") == true)
    }

    @Test func typedAccessorsNameScriptFunctionAndField() throws {
        let box = try sandbox(["fees.lua": """
            function fee() return { fee = "ten", whole = 2.0, half = 1.5, ok = 7 } end
            function plain() return "x" end
            """])
        let result = try box.call("fees.lua", "fee", seed: 0)
        #expect(try result.int("ok") == 7)
        #expect(try result.optionalInt("absent") == nil)
        let wrongType = luaError { _ = try result.int("fee") }
        #expect(wrongType?.description == "fees.lua: fee(): field 'fee' must be an integer, got string")
        let whole = luaError { _ = try result.optionalInt("whole") }
        #expect(whole?.description == "fees.lua: fee(): field 'whole' is 2.0, a float; return a whole number (use // on integers, or math.floor)")
        let fractional = luaError { _ = try result.int("half") }
        #expect(fractional?.description.hasPrefix("fees.lua: fee(): field 'half' is 1.5, a float") == true)
        let missing = luaError { _ = try result.string("nope") }
        #expect(missing?.description == "fees.lua: fee(): field 'nope' must be a string, got nil")
        let notTable = luaError { _ = try box.call("fees.lua", "plain", seed: 0).int("fee") }
        #expect(notTable?.description == "fees.lua: plain(): result must be a table, got string")
        #expect(try box.call("fees.lua", "plain", seed: 0).string() == "x")
    }

    @Test func jsonMapsIntegersAndFloatsApart() throws {
        let json = Data(#"{"a":1,"b":1.5,"c":true,"d":null,"e":[1,"x"],"f":{"g":-7}}"#.utf8)
        let value = try LuaValue(json: json)
        #expect(value == ["a": 1, "b": 1.5, "c": true, "d": nil, "e": [1, "x"], "f": ["g": -7]])
        #expect(try LuaValue(json: value.jsonData()) == value)
        let unordered: LuaValue = ["z": 1, "a": [true]]
        #expect(String(decoding: try unordered.jsonData(), as: UTF8.self) == #"{"a":[true],"z":1}"#)
    }

    @Test func describesValuesAsLuaLiterals() {
        let value: LuaValue = ["treasury": 0, "burn": 10, "end": "a\"b", "list": [1, 2.5, nil]]
        #expect(value.description == #"{ burn = 10, ["end"] = "a\"b", list = { 1, 2.5, nil }, treasury = 0 }"#)
        #expect(LuaValue.string("\u{1}9").description == #""\0019""#)
    }

    @Test func luaEqualityTreatsNumbersAndEmptyTablesAsLuaDoes() {
        #expect(LuaValue.integer(10).luaEquals(.number(10)))
        #expect(!LuaValue.integer(10).luaEquals(.number(10.5)))
        #expect(LuaValue.array([]).luaEquals(.table([:])))
        #expect(LuaValue.table(["a": [1, 2]]).luaEquals(["a": [1.0, 2]]))
        #expect(!LuaValue.table(["a": 1]).luaEquals(["b": 1]))
    }
}
