import Foundation
import Testing

@testable import LuaBridge

let passingRules = """
    function fee(t)
      if t.amount < 100 then return 0 end
      return t.amount // 100
    end

    function split(t)
      return { burn = t.fee, treasury = 0 }
    end

    examples = {
      { call = "fee", args = { { amount = 1000, asset = "TIX" } }, expect = 10 },
      { call = "fee", args = { { amount = 99 } }, expect = 0.0 },
      { call = "split", args = { { fee = 10 } }, expect = { burn = 10, treasury = 0 } },
    }
    """

let failingRules = """
    function fee(t)
      return t.amount // 100
    end

    function split(t)
      return { burn = t.fee, treasury = 1 }
    end

    function explode()
      error("kaboom")
    end

    examples = {
      { call = "fee", args = { { amount = 1000 } }, expect = 10 },
      { call = "split", args = { { fee = 10 } }, expect = { burn = 10, treasury = 0 } },
      { call = "explode", expect = 1 },
      { call = "nope" },
      { args = {} },
    }
    """

@Suite("Designer examples")
struct ExampleTests {
    @Test func passingExamplesReportNothing() throws {
        let box = try sandbox(["fees.lua": passingRules])
        #expect(box.runExamples(script: "fees.lua").isEmpty)
    }

    @Test func scriptsWithoutExamplesReportNothing() throws {
        let box = try sandbox(["plain.lua": "function f() return 1 end"])
        #expect(box.runExamples(script: "plain.lua").isEmpty)
    }

    @Test func failuresNameFileLineIndexAndValues() throws {
        let box = try sandbox(["failing.lua": failingRules])
        let failures = box.runExamples(script: "failing.lua")
        #expect(failures.map(\.index) == [2, 3, 4, 5])
        #expect(failures[0].description == "failing.lua:5: example 2 (split): expected { burn = 10, treasury = 0 }, got { burn = 10, treasury = 1 }")
        #expect(failures[0].expected == ["burn": 10, "treasury": 0])
        #expect(failures[0].got == ["burn": 10, "treasury": 1])
        #expect(failures[1].description == "failing.lua:10: example 3 (explode): runtime: kaboom")
        #expect(failures[2].description == "failing.lua: example 4 (nope): notFound: function 'nope' is not defined")
        #expect(failures[3].description == "failing.lua: example 5: an example needs a string field 'call'")
    }

    @Test func malformedExamplesAreReported() throws {
        let box = try sandbox(["m.lua": "examples = 5", "f.lua": "examples = { { call = function() end } }"])
        #expect(box.runExamples(script: "m.lua").map(\.description) == ["m.lua: examples: 'examples' must be an array of tables, got integer"])
        #expect(box.runExamples(script: "f.lua").first?.message.contains("function cannot leave Lua") == true)
        #expect(box.runExamples(script: "missing.lua").first?.message == "script is not loaded")
    }

    @Test func examplesUseTheirSeed() throws {
        let box = try sandbox(["r.lua": "function roll() return math.random(1, 1000000) end"])
        let rolled = try box.call("r.lua", "roll", seed: 9).int()
        try box.load(name: "r.lua", source: """
            function roll() return math.random(1, 1000000) end
            examples = { { call = "roll", seed = 9, expect = \(rolled) }, { call = "roll", seed = 10, expect = \(rolled) } }
            """)
        #expect(box.runExamples(script: "r.lua").map(\.index) == [2])
    }
}

@Suite("Rules directory check")
struct RuleCheckTests {
    @Test func reportsEveryProblemInTheDirectory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try passingRules.write(to: dir.appendingPathComponent("fees.lua"), atomically: true, encoding: .utf8)
        try failingRules.write(to: dir.appendingPathComponent("failing.lua"), atomically: true, encoding: .utf8)
        try "x = \n".write(to: dir.appendingPathComponent("broken.lua"), atomically: true, encoding: .utf8)
        try "not lua".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let problems = RuleCheck.check(directory: dir)
        let lines = problems.map(\.description)
        #expect(lines.count == 5)
        #expect(lines.first == "broken.lua:2: unexpected symbol near <eof>")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("failing.lua") })
        #expect(!lines.contains { $0.hasPrefix("fees.lua") || $0.hasPrefix("notes") })
    }

    @Test func reportsAnUnreadableDirectory() {
        let problems = RuleCheck.check(directory: URL(fileURLWithPath: "/nonexistent/rules"))
        guard case .script(let error)? = problems.first else {
            Issue.record("expected a script problem, got \(problems)")
            return
        }
        #expect(error.kind == .io)
    }

    @Test func listsScriptFilesSorted() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["b.lua", "a.lua", "c.txt"] {
            try "x = 1".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let files = try ScriptFile.all(in: dir)
        #expect(files.map(\.name) == ["a.lua", "b.lua"])
        #expect(files[0].sha256 == ScriptFile.sha256Hex(of: "x = 1"))
    }
}
