import Testing

@testable import LuaBridge

/// A known sandbox escape or denial-of-service technique and how it must end.
struct Attack: CustomTestStringConvertible, Sendable {
    enum Outcome: Sendable {
        case fails(LuaError.Kind, containing: String)
        case returns(LuaValue)
    }

    let name: String
    let body: String
    let outcome: Outcome
    /// Without a deadline: outcomes here must not depend on how busy the machine is.
    var limits = SandboxLimits(deadline: nil)

    var testDescription: String { name }
}

/// Checks the state is still whole: libraries intact, string methods working, nothing leaked.
let probe = """
    function probe()
      return string.upper("a") == "A" and math.max(1, 2) == 2 and ("x"):rep(3) == "xxx"
        and getmetatable("") == false and table.concat({ 1, 2 }) == "12" and marker == nil
        and io == nil and os == nil and debug == nil and package == nil
    end
    """

let attacks: [Attack] = [
    // Escapes
    Attack(name: "precompiled bytecode through load", body: """
        local f, err = load("\\27LuaT\\0\\25\\147\\r\\n\\26\\n\\4\\8\\8xV\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0(w@\\1")
        return { f == nil, err }
        """, outcome: .returns([true, "attempt to load a binary chunk (mode is 't')"])),
    Attack(name: "load with mode 'b'", body: """
        return { load("\\27Lua", "=b", "b") == nil, load("return 7", "=t", "b")() }
        """, outcome: .returns([true, 7])),
    Attack(name: "string.dump", body: """
        return { string.dump == nil, ("").dump == nil, (pcall(function() return string.dump(attack) end)) }
        """, outcome: .returns([true, true, false])),
    Attack(name: "privileged libraries via _G, _ENV, the string metatable and load", body: """
        local found = {}
        for _, name in ipairs({ "io", "os", "debug", "package", "require", "dofile", "loadfile",
                                "collectgarbage", "print", "warn" }) do
          if _G[name] ~= nil or _ENV[name] ~= nil or rawget(_G, name) ~= nil then found[#found + 1] = name end
        end
        local viaLoad = load("return io or os or debug or package", "=x", "t", _G)()
        local viaString = ("").os or ("").io or ("").debug
        return { #found, viaLoad == nil, viaString == nil, getmetatable("") == false, getmetatable(_G) == false }
        """, outcome: .returns([0, true, true, true, true])),
    Attack(name: "changing the string metatable", body: """
        return {
          (pcall(function() getmetatable("").__index = {} end)),
          (pcall(setmetatable, "", {})),
          (pcall(rawset, getmetatable(""), "__index", {})),
          (pcall(function() string.upper = function() return "pwned" end end)),
        }
        """, outcome: .returns([false, false, false, false])),
    Attack(name: "rawset and setmetatable on shared library tables", body: """
        local results = {}
        for i, lib in ipairs({ string, math, table, utf8 }) do
          results[#results + 1] = pcall(rawset, lib, "upper", function() return "pwned" end)
          results[#results + 1] = pcall(setmetatable, lib, nil)
        end
        local own = {}
        rawset(own, "x", 1)
        results[#results + 1] = own.x == 1 and next(string) == nil
        return results
        """, outcome: .returns([false, false, false, false, false, false, false, false, true])),
    Attack(name: "setmetatable(_G, ...)", body: """
        setmetatable(_G, { __index = function() return "x" end })
        """, outcome: .fails(.runtime, containing: "cannot change a protected metatable")),
    Attack(name: "addresses via tostring and %p", body: """
        return { tostring({}), tostring(attack), (pcall(string.format, "%p", {})), string.format("%s", {}) }
        """, outcome: .returns(["table", "function", false, "table"])),
    // Memory
    Attack(name: "string.rep memory bomb", body: "return string.rep('x', 1 << 40)",
           outcome: .fails(.runtime, containing: "resulting string too large")),
    Attack(name: "string.rep through a method call", body: """
        local s = ("x"):rep(60000)
        return s:rep(1e6, ",")
        """, outcome: .fails(.runtime, containing: "resulting string too large")),
    Attack(name: "string.rep of empty pieces spins in C", body: "return string.rep('', 1e18, '')",
           outcome: .returns("")),
    Attack(name: "table.concat memory bomb", body: """
        local t = {}
        for i = 1, 64 do t[i] = ("x"):rep(60000) end
        return #table.concat(t)
        """, outcome: .fails(.runtime, containing: "resulting string too large")),
    Attack(name: "string doubling by concatenation", body: """
        local s = "x"
        while true do s = s .. s end
        """, outcome: .fails(.memoryExceeded, containing: "string length limit")),
    Attack(name: "huge table growth", body: """
        local t, i = {}, 0
        while true do i = i + 1; t[i] = { i } end
        """, outcome: .fails(.memoryExceeded, containing: "memory limit of 8388608 bytes"),
           limits: SandboxLimits(instructions: 1_000_000_000, memoryBytes: 8 << 20, deadline: nil)),
    Attack(name: "collectgarbage", body: "collectgarbage('stop')",
           outcome: .fails(.runtime, containing: "global 'collectgarbage'")),
    // Stack
    Attack(name: "deep Lua recursion", body: """
        local function f(n) return 1 + f(n + 1) end
        return f(1)
        """, outcome: .fails(.runtime, containing: "stack overflow"),
           limits: SandboxLimits(instructions: 100_000_000, memoryBytes: 256 << 20, allocationBytes: 256 << 20, deadline: nil)),
    Attack(name: "C stack recursion through __index", body: """
        local t = setmetatable({}, { __index = function(t, k) return t[k] end })
        return t.x
        """, outcome: .fails(.runtime, containing: "stack overflow")),
    Attack(name: "C stack recursion through gsub callbacks", body: """
        local function f(s) return (s:gsub(".", f)) end
        return f("abc")
        """, outcome: .fails(.runtime, containing: "stack overflow")),
    // CPU
    Attack(name: "infinite loop", body: "while true do end",
           outcome: .fails(.budgetExceeded, containing: "instruction budget of 2000000 exceeded")),
    Attack(name: "infinite loop inside pcall", body: """
        while true do pcall(function() while true do end end) end
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "budget error swallowed by pcall", body: """
        return pcall(function() while true do end end)
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "infinite loop in an xpcall message handler", body: """
        return xpcall(function() error("x") end, function(m) while true do end end)
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "infinite loop in a __close handler while unwinding", body: """
        local guard <close> = setmetatable({}, { __close = function() while true do end end })
        while true do end
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    // CPU without loops: such a chunk is charged per call, not per instruction
    Attack(name: "tail calls forever", body: """
        local function spin(n) return spin(n + 1) end
        return spin(0)
        """, outcome: .fails(.budgetExceeded, containing: "instruction budget of 2000000 exceeded")),
    Attack(name: "calls that double at every level", body: """
        local function f(n) if n == 0 then return 0 end return f(n - 1) + f(n - 1) end
        return f(60)
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "tail calls forever, the budget error swallowed by pcall", body: """
        local function spin() return spin() end
        pcall(spin)
        return pcall(spin)
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "a loop compiled at run time by a chunk without loops", body: """
        return load("while true do end")()
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "coroutines to dodge the per-thread hook (coroutine is absent)", body: """
        local co = coroutine.wrap(function() while true do end end)
        co()
        """, outcome: .fails(.runtime, containing: "attempt to index a nil value (global 'coroutine')")),
    Attack(name: "Lua 5.4.4 crash: deeply nested coroutine.close", body: """
        local coro = false
        for i = 1, 200000 do
          local previous = coro
          coro = coroutine.create(function()
            local cc <close> = setmetatable({}, { __close = function()
              if previous then assert(coroutine.close(previous)) end
            end })
            coroutine.yield()
          end)
          assert(coroutine.resume(coro))
        end
        return coroutine.close(coro)
        """, outcome: .fails(.runtime, containing: "global 'coroutine'"),
           limits: SandboxLimits(instructions: 2_000_000_000, memoryBytes: 1 << 30, allocationBytes: 1 << 30, deadline: nil)),
    Attack(name: "Lua 5.4.4: stack overflow while handling an error", body: """
        local function loop() assert(pcall(loop)) end
        return xpcall(loop, loop)
        """, outcome: .returns(false)),
    Attack(name: "backtracking string.find", body: """
        return string.rep("a", 50000):find(".-.-.-.-.-b")
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "backtracking gsub and gmatch", body: """
        local s = string.rep("a", 30000)
        pcall(string.gsub, s, "a*a*a*a*b", "")
        for m in s:gmatch(".-.-.-b") do end
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "plain find with a near-miss needle", body: """
        local hay, needle = ("a"):rep(65000), ("a"):rep(30000) .. "b"
        while true do hay:find(needle, 1, true) end
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "table.move over a huge empty range", body: """
        table.move({}, 1, 1 << 50, 1, {})
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "table.insert under a lying __len", body: """
        local t = setmetatable({}, { __len = function() return 1 << 50 end })
        table.insert(t, 1, "x")
        """, outcome: .fails(.budgetExceeded, containing: "budget")),
    Attack(name: "comparing long strings in a loop", body: """
        local a, b = ("x"):rep(65536), ("x"):rep(65535) .. "x"
        while true do local same = a == b end
        """, outcome: .fails(.budgetExceeded, containing: "budget"),
           limits: SandboxLimits(instructions: 200_000, deadline: nil)),
    // Error objects
    Attack(name: "error object with a looping __tostring", body: """
        error(setmetatable({}, { __tostring = function() while true do end end }))
        """, outcome: .fails(.runtime, containing: "error object is a table value")),
    Attack(name: "__gc finalizer (runs outside any budget)", body: """
        local t = setmetatable({}, { __gc = function() while true do end end })
        error(t)
        """, outcome: .fails(.runtime, containing: "__gc metamethods are not allowed")),
]

@Suite("Attack suite: escapes and denial of service are contained")
struct AttackTests {
    @Test(arguments: attacks)
    func attackIsContained(_ attack: Attack) throws {
        let box = try sandbox(
            ["attack.lua": "function attack()\n\(attack.body)\nend", "probe.lua": probe], limits: attack.limits)
        switch attack.outcome {
        case .returns(let expected):
            #expect(try box.call("attack.lua", "attack", seed: 0).value == expected)
        case .fails(let kind, let fragment):
            let error = luaError { _ = try box.call("attack.lua", "attack", seed: 0) }
            #expect(error?.kind == kind, "\(error.map(String.init(describing:)) ?? "no error")")
            #expect(error?.description.contains(fragment) == true, "\(error.map(String.init(describing:)) ?? "no error")")
            #expect(error?.file == "attack.lua")
        }
        // The next call on the same sandbox works and sees an intact environment.
        #expect(try box.call("probe.lua", "probe", seed: 0).bool())
        #expect(box.memoryUsed < attack.limits.memoryBytes / 2)
    }

    @Test func budgetErrorsPointAtTheLoop() throws {
        let box = try sandbox(["spin.lua": "function spin()\n  local i = 0\n  while true do\n    i = i + 1\n  end\nend"])
        let error = luaError { _ = try box.call("spin.lua", "spin", seed: 0) }
        #expect(error?.kind == .budgetExceeded)
        #expect(error.flatMap(\.line).map { (3...5).contains($0) } == true)
    }

    @Test func budgetResetsForEveryCall() throws {
        let box = try sandbox(["work.lua": "function work(n) local s = 0 for i = 1, n do s = s + i end return s end"],
                              limits: SandboxLimits(instructions: 100_000, deadline: nil))
        for _ in 0..<5 {
            #expect(try box.call("work.lua", "work", [20_000], seed: 0).int() == 200_010_000)
        }
        #expect(luaError { _ = try box.call("work.lua", "work", [200_000], seed: 0) }?.kind == .budgetExceeded)
        #expect(try box.call("work.lua", "work", [20_000], seed: 0).int() == 200_010_000)
    }

    @Test func topLevelChunksRunUnderTheBudget() throws {
        let box = try LuaSandbox(limits: SandboxLimits(instructions: 10_000, deadline: nil))
        #expect(luaError { try box.load(name: "spin.lua", source: "while true do end") }?.kind == .budgetExceeded)
        #expect(box.scriptNames.isEmpty)
    }

    @Test func scriptsCannotPoisonEachOther() throws {
        let box = try sandbox([
            "evil.lua": """
                function attack()
                  shared = "evil"
                  _G.check = function() return "pwned" end
                  pcall(function() math.max = function() return -1 end end)
                  pcall(rawset, math, "max", function() return -1 end)
                  pcall(function() string.len = nil end)
                  local env = load("return _ENV")()
                  env.marker = true
                end
                """,
            "victim.lua": "function check() return { shared == nil, math.max(1, 3), string.len('abc'), marker == nil } end",
        ])
        _ = try box.call("evil.lua", "attack", seed: 0)
        #expect(try box.call("victim.lua", "check", seed: 0).value == [true, 3, 3, true])
        #expect(try box.global("evil.lua", "marker") == true)
    }

    @Test func memoryLimitErrorsLeaveTheStateUsable() throws {
        let box = try sandbox(["hog.lua": """
            function hog() local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(1000) .. i end end
            function small() return #("y"):rep(100) end
            """], limits: SandboxLimits(instructions: 1_000_000_000, memoryBytes: 4 << 20, deadline: nil))
        for _ in 0..<3 {
            #expect(luaError { _ = try box.call("hog.lua", "hog", seed: 0) }?.kind == .memoryExceeded)
            #expect(try box.call("hog.lua", "small", seed: 0).int() == 100)
        }
    }
}
