import CLua
import LuaShim

/// Why a value could not cross the boundary, with the path to the offending part
/// (e.g. `args[1].items[3]`), built up only while the failure unwinds.
struct ConversionFailure: Error {
    let path: String
    let reason: String

    func under(_ component: String) -> ConversionFailure {
        ConversionFailure(path: component + path, reason: reason)
    }

    var message: String { "\(path): \(reason)" }
}

/// Moves values between Swift and a Lua stack. Only used outside protected calls, where
/// the sandbox keeps allocation limits off, so none of these API calls can raise.
struct LuaStack {
    /// Deep enough for any real context or result; stops cyclic Lua tables.
    static let maxDepth = 32
    /// Stack slots pushing one value may need: the value plus a table and a key per level.
    static let slotsPerValue: Int32 = 1 + 2 * Int32(maxDepth)

    let state: OpaquePointer

    func pushString(_ string: String) {
        var string = string
        string.withUTF8 { bytes in _ = lua_pushlstring(state, bytes.baseAddress, bytes.count) }
    }

    func string(at index: Int32) -> String {
        var length = 0
        let bytes = lua_tolstring(state, index, &length)
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    func push(_ value: borrowing LuaValue, depth: Int = 0) throws(ConversionFailure) {
        switch value {
        case .nil: lua_pushnil(state)
        case .bool(let value): lua_pushboolean(state, value ? 1 : 0)
        case .integer(let value): lua_pushinteger(state, value)
        case .number(let value): lua_pushnumber(state, value)
        case .string(let value): pushString(value)
        case .array(let items):
            try checkDepth(depth)
            lua_createtable(state, Int32(clamping: items.count), 0)
            for (offset, item) in items.enumerated() {
                do { try push(item, depth: depth + 1) } catch { throw error.under("[\(offset + 1)]") }
                lua_rawseti(state, -2, lua_Integer(offset + 1))
            }
        case .table(let fields):
            try checkDepth(depth)
            lua_createtable(state, 0, Int32(clamping: fields.count))
            for (key, item) in fields {
                pushString(key)
                do { try push(item, depth: depth + 1) } catch { throw error.under(".\(key)") }
                lua_rawset(state, -3)
            }
        }
    }

    /// Callers reserve `slotsPerValue` stack slots per value, which covers the nesting.
    private func checkDepth(_ depth: Int) throws(ConversionFailure) {
        guard depth < Self.maxDepth else {
            throw ConversionFailure(path: "", reason: "nested more than \(Self.maxDepth) levels deep")
        }
    }

    func value(at index: Int32, depth: Int = 0) throws(ConversionFailure) -> LuaValue {
        switch lua_type(state, index) {
        case LUA_TNIL: return .nil
        case LUA_TBOOLEAN: return .bool(lua_toboolean(state, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(state, index) != 0 { return .integer(lua_tointegerx(state, index, nil)) }
            return .number(lua_tonumberx(state, index, nil))
        case LUA_TSTRING: return .string(string(at: index))
        case LUA_TTABLE: return try table(at: lua_absindex(state, index), depth: depth)
        case let type:
            throw ConversionFailure(path: "", reason: "a \(typeName(type)) cannot leave Lua")
        }
    }

    func typeName(_ type: Int32) -> String {
        String(cString: lua_typename(state, type))
    }

    /// Traverses with raw `lua_next`, so no metamethod (script code) runs outside a call.
    private func table(at index: Int32, depth: Int) throws(ConversionFailure) -> LuaValue {
        try checkDepth(depth)
        guard lua_checkstack(state, 3) != 0 else {
            throw ConversionFailure(path: "", reason: "Lua stack exhausted")
        }
        let count = Int(clamping: lua_rawlen(state, index))
        var items: [LuaValue] = []
        var fields: [String: LuaValue] = [:]
        var filled = 0
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            switch lua_type(state, -2) {
            case LUA_TSTRING:
                let key = string(at: -2)
                do { fields[key] = try value(at: -1, depth: depth + 1) } catch { throw error.under(".\(key)") }
            case LUA_TNUMBER where lua_isinteger(state, -2) != 0:
                let key = lua_tointegerx(state, -2, nil)
                guard key >= 1, key <= count else {
                    throw ConversionFailure(path: "", reason: "array index \(key) outside 1...\(count) (sparse arrays are not supported)")
                }
                if items.isEmpty { items = Array(repeating: .nil, count: count) }
                do { items[Int(key) - 1] = try value(at: -1, depth: depth + 1) } catch { throw error.under("[\(key)]") }
                filled += 1
            case let type:
                throw ConversionFailure(path: "", reason: "table keys must be strings or array indices, got \(typeName(type))")
            }
            tix_pop(state, 1)
        }
        if filled == 0 { return .table(fields) }
        guard fields.isEmpty else {
            throw ConversionFailure(path: "", reason: "table mixes array indices and string keys")
        }
        guard filled == count else {
            throw ConversionFailure(path: "", reason: "array has holes")
        }
        return .array(items)
    }
}
