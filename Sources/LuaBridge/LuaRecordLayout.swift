import CLua
import Foundation
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
    /// Index of this layout's kept record in the sandbox's `records`.
    let slot: Int
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
        let keys = tix_ref(state)
        records.append(CachedRecord())
        return LuaRecordLayout(fields: fields, keys: keys, owner: ObjectIdentifier(self), slot: records.count - 1)
    }

    /// Calls a script function with one table argument built from `layout` and `values`
    /// (same order; a `.nil` value leaves its field out). Otherwise exactly like `call`.
    ///
    /// The table is the same from call to call while the script leaves its keys and metatable
    /// alone: its fields are set again each call, which costs far less than a new table. A script
    /// that adds a key or sets a metatable gets a new table at its next call, so every call sees
    /// exactly its fields; one that keeps the table past its call sees it refilled by its later calls.
    public func call(
        _ script: String, _ function: String, record layout: LuaRecordLayout, _ values: [LuaValue], seed: UInt64
    ) throws(LuaError) -> LuaResult {
        try call(script, function, record: layout, values, seed: .fixed(seed))
    }

    /// Like `call(_:_:record:_:seed:)`, with the seed asked of `source` only if the script draws
    /// from `math.random`, at its first draw.
    public func call(
        _ script: String, _ function: String, record layout: LuaRecordLayout, _ values: [LuaValue], seedFrom source: any LuaSeedSource
    ) throws(LuaError) -> LuaResult {
        try call(script, function, record: layout, values, seed: .source(source))
    }

    private func call(
        _ script: String, _ function: String, record layout: LuaRecordLayout, _ values: [LuaValue], seed: Seed
    ) throws(LuaError) -> LuaResult {
        guard layout.owner == ObjectIdentifier(self), values.count == layout.fields.count else {
            throw LuaError(kind: .contract, file: script,
                           message: "\(function)(): record layout from another sandbox or with \(layout.fields.count) fields for \(values.count) values")
        }
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        // The keys go below the function, so the filled record is on top.
        guard lua_checkstack(state, 5 + LuaStack.slotsPerValue) != 0 else {
            throw LuaError(kind: .memoryExceeded, file: script, message: "Lua stack exhausted")
        }
        let (keys, record) = (top + 1, top + 3)
        tix_push_ref(state, layout.keys)
        let callee = try pushFunction(script, function)
        pushRecord(layout, for: callee.environment)
        for index in values.indices {
            let field = Int32(index + 1)
            switch values[index] {
            case .integer(let value): tix_record_integer(state, keys, record, field, value)
            case .string(var text):
                text.withUTF8 { tix_record_string(state, keys, record, field, $0.baseAddress, $0.count) }
            case let value:
                lua_rawgeti(state, keys, lua_Integer(field))
                do { try LuaStack(state: state).push(value, depth: 1) } catch {
                    throw LuaError(kind: .contract, file: script,
                                   message: "\(function)(): " + error.under("argument 1.\(layout.fields[index])").message)
                }
                lua_rawset(state, record)
            }
        }
        try run(file: script, arguments: 1, results: 1, callCharge: callee.callCharge, seed: seed)
        return LuaResult(value: try result(at: -1, script, function, "result"), script: script, function: function)
    }

    /// Pushes the record kept for `layout` if the script with `environment` filled it last, else
    /// a new one, kept in its place. Its fields are then all set again, `.nil` ones cleared.
    private func pushRecord(_ layout: LuaRecordLayout, for environment: Int32) {
        let kept = records[layout.slot].table
        if kept != LUA_NOREF, records[layout.slot].environment == environment {
            tix_push_ref(state, kept)
            return
        }
        if kept != LUA_NOREF { tix_unref(state, kept) }
        lua_createtable(state, 0, Int32(clamping: layout.fields.count))
        tix_make_record(state)
        lua_pushvalue(state, -1)
        records[layout.slot].table = tix_ref(state)
        records[layout.slot].environment = environment
    }

    /// Lets go of every kept record: after a script added a key to one or changed its metatable
    /// (`tix_records_touched`), or once scripts change.
    func forgetRecords() {
        for slot in records.indices where records[slot].table != LUA_NOREF {
            tix_unref(state, records[slot].table)
            records[slot].table = LUA_NOREF
            records[slot].environment = LUA_NOREF
        }
    }
}
