import CLua
import LuaShim
import Testing

@testable import LuaBridge

/// The sandbox's pattern functions are a budget-charging reimplementation; they must agree
/// with Lua's own string library on results and on errors.
@Suite("Pattern matching agrees with Lua")
struct PatternTests {
    static let driver = #"""
        local cases = {
          {"hello world", "o w"}, {"hello world", "l+"}, {"hello", "^h"}, {"hello", "^e"},
          {"hello", "o$"}, {"a$b", "$b"}, {"  trim me  ", "^%s*(.-)%s*$"}, {"key=value, k2=v2", "(%w+)=(%w+)"},
          {"THE (quick) fox", "%((%a+)%)"}, {"f(a(b)c)d", "%b()"}, {"THE (quick) fox", "%f[%a]%a+"},
          {"hello", "()ll()"}, {"abcabc", "(abc)%1"}, {"x = 1, y = 22", "%d+"}, {"[test]", "[%[%]]"},
          {"a-b_c", "[%w_]+"}, {"a]b", "[]]"}, {"a^b", "[%^]"}, {"abc", "[^a]+"}, {"a.b", "%."},
          {"aaa", "a-"}, {"aaa", "a-$"}, {"aaab", "a*b"}, {"b", "a?b"}, {"ab", "a?b"},
          {"0x1F", "%x+", 3}, {"hello", "l", -2}, {"hello", "", 10}, {"hello", "", 6}, {"hello", "l", -100},
          {"caf\195\169", "[\128-\255]+"}, {"a\0b", "%z"}, {"a\0b", "\0"}, {"abc", "%"}, {"abc", "[a"},
          {"abc", "(()"}, {"abc", "%g+"}, {"tab\there", "%c"}, {"x", "%1"}, {"abc", "(a)(b)(c)"},
          {"a,b,,c", "([^,]*)"}, {"THE END", "%u+"}, {"punct!?", "%p+"}, {"", ".-"}, {"", "^$"},
          {"aXb", "%f[%u]"}, {"XaXb", "%f[%l]"}, {"x", "%b"}, {"x", "%fx"}, {"ab", "a)"},
          {"a1b2", "%D"}, {"a b", "%S+"}, {"A-z", "[A-Z-]+"}, {"a%b", "%%"}, {"aaa", "(a)%2"},
          {"one two  three", "%s*(%S+)"}, {"2024-01-15", "(%d+)-(%d+)-(%d+)"}, {"abc", ".+", 2},
          {"hello.world", ".", 1, true}, {"a+b", "+", 1, true}, {"banana", "ana"}, {"banana", "(a)(n)"},
        }
        local function ser(...)
          local parts = {}
          for i = 1, select("#", ...) do
            local v = select(i, ...)
            parts[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
          end
          return table.concat(parts, ",")
        end
        local function try(f, ...)
          local r = table.pack(pcall(f, ...))
          if not r[1] then return "ERR " .. (tostring(r[2]):gsub("^.-:%d+: ", "")) end  -- chunk names differ
          return ser(table.unpack(r, 2, r.n))
        end
        local out = {}
        for i, c in ipairs(cases) do
          local s, p, init, plain = c[1], c[2], c[3], c[4]
          local function add(what, result) out[#out + 1] = i .. " " .. what .. " " .. result end
          add("find", try(string.find, s, p, init, plain))
          add("match", try(string.match, s, p, init))
          add("gmatch", try(function()
            local acc, k = {}, 0
            for a, b in string.gmatch(s, p, init) do
              k = k + 1; acc[k] = ser(a, b)
              if k > 20 then break end
            end
            return table.concat(acc, "|")
          end))
          add("gsub", try(string.gsub, s, p, "<%0>"))
          add("gsub1", try(string.gsub, s, p, "[%1%%]"))
          add("gsubf", try(string.gsub, s, p, function(x) return x:upper() end))
          add("gsubt", try(string.gsub, s, p, { hello = "HI", a = 1, l = false }))
          add("gsubn", try(string.gsub, s, p, "#", 1))
          add("gsubbad", try(string.gsub, s, p, "%x"))
          add("method", try(function() return (s):find(p, init, plain) end))
        end
        return table.concat(out, "\n")
        """#

    /// Runs the driver in a plain Lua state with Lua's own string library.
    static func reference() throws -> String {
        let state = try #require(luaL_newstate())
        defer { lua_close(state) }
        luaL_openlibs(state)
        try #require(tix_dostring(state, driver) == LUA_OK)
        return String(cString: lua_tolstring(state, -1, nil))
    }

    @Test func sandboxMatchesReferenceLua() throws {
        let box = try sandbox(["driver.lua": "function run()\n\(Self.driver)\nend"])
        let ours = try box.call("driver.lua", "run", seed: 0).string()
        let theirs = try Self.reference()
        let pairs = zip(ours.split(separator: "\n"), theirs.split(separator: "\n"))
        for (mine, reference) in pairs {
            #expect(mine == reference)
        }
        #expect(ours.split(separator: "\n").count == theirs.split(separator: "\n").count)
        #expect(ours.split(separator: "\n").count > 500)
    }

    @Test func formatAndRepAgreeWithLuaOnOrdinaryInput() throws {
        let source = """
            return table.concat({ string.format("%5.2f|%d|%s|%q|%x", 3.14159, 42, "s", "a\\nb", 255),
              string.rep("ab", 3, ","), string.rep("x", 0), tostring(12), tostring(1.5), tostring(nil) }, " ")
            """
        let box = try sandbox(["f.lua": "function run()\n\(source)\nend"])
        let state = try #require(luaL_newstate())
        defer { lua_close(state) }
        luaL_openlibs(state)
        try #require(tix_dostring(state, source) == LUA_OK)
        #expect(try box.call("f.lua", "run", seed: 0).string() == String(cString: lua_tolstring(state, -1, nil)))
    }
}
