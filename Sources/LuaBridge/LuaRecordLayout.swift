import CLua
import LuaShim

/// The field names of a context table, interned in one sandbox ahead of time, so a hot call
/// pushes only the values: `["amount", "asset", "to_kind"]` with `[125_000, "TIX", "org"]`
/// reaches Lua as `{ amount = 125000, asset = "TIX", to_kind = "org" }`.
/// Obtain it from `LuaSandbox.layout(_:)`; it is valid only with that sandbox.
public struct LuaRecordLayout {
    public let fields: [String]
    /// Registry reference to a Lua array of the field names.
    let keys: Int32
    let owner: ObjectIdentifier
}

extension LuaSandbox {
    /// Interns `fields` for `call(_:_:record:_:seed:)`. The layout lives as long as the sandbox.
    public func layout(_ fields: [String]) -> LuaRecordLayout {
        let stack = LuaStack(state: state)
        lua_createtable(state, Int32(clamping: fields.count), 0)
        for (index, field) in fields.enumerated() {
            stack.pushString(field)
            lua_rawseti(state, -2, lua_Integer(index + 1))
        }
        return LuaRecordLayout(fields: fields, keys: tix_ref(state), owner: ObjectIdentifier(self))
    }

    /// Calls a script function with one table argument built from `layout` and `values`
    /// (same order; a `.nil` value leaves its field out). Otherwise exactly like `call`.
    public func call(
        _ script: String, _ function: String, record layout: LuaRecordLayout, _ values: [LuaValue], seed: UInt64
    ) throws(LuaError) -> LuaResult {
        guard layout.owner == ObjectIdentifier(self), values.count == layout.fields.count else {
            throw LuaError(kind: .contract, file: script,
                           message: "\(function)(): record layout from another sandbox or with \(layout.fields.count) fields for \(values.count) values")
        }
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        try pushFunction(script, function, arguments: [])
        lua_createtable(state, 0, Int32(clamping: values.count))
        tix_push_ref(state, layout.keys)
        let stack = LuaStack(state: state)
        for (index, value) in values.enumerated() {
            lua_rawgeti(state, -1, lua_Integer(index + 1))
            do { try stack.push(value, depth: 1) } catch {
                throw LuaError(kind: .contract, file: script,
                               message: "\(function)(): " + error.under("argument 1.\(layout.fields[index])").message)
            }
            lua_rawset(state, -4)
        }
        tix_pop(state, 1)
        try run(file: script, arguments: 1, results: 1, seed: seed)
        return LuaResult(value: try result(at: -1, script, function, "result"), script: script, function: function)
    }
}
