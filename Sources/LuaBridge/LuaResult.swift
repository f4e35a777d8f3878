/// The first value a script function returned, with typed accessors whose errors name
/// the script, the function and the field: "fees.lua: fee(): field 'fee' must be an
/// integer, got string". Money is Int64 and must be a Lua integer: a float, even 10.0, is
/// refused (see ``LuaValue/integerValue``).
public struct LuaResult: Sendable, Hashable {
    public let value: LuaValue
    public let script: String
    public let function: String

    public init(value: LuaValue, script: String, function: String) {
        self.value = value
        self.script = script
        self.function = function
    }

    public func int() throws(LuaError) -> Int64 {
        try integer(value, "result", floatIs: "\(function) returned")
    }
    public func number() throws(LuaError) -> Double {
        guard let result = value.numberValue else { throw mismatch(value, "result", "a number") }
        return result
    }
    public func string() throws(LuaError) -> String {
        guard let result = value.stringValue else { throw mismatch(value, "result", "a string") }
        return result
    }
    public func bool() throws(LuaError) -> Bool {
        guard let result = value.boolValue else { throw mismatch(value, "result", "a boolean") }
        return result
    }

    public func int(_ field: String) throws(LuaError) -> Int64 {
        try integer(try self.field(field), "field '\(field)'", floatIs: "\(function)(): field '\(field)' is")
    }
    public func number(_ field: String) throws(LuaError) -> Double {
        let value = try self.field(field)
        guard let result = value.numberValue else { throw mismatch(value, "field '\(field)'", "a number") }
        return result
    }
    public func string(_ field: String) throws(LuaError) -> String {
        let value = try self.field(field)
        guard let result = value.stringValue else { throw mismatch(value, "field '\(field)'", "a string") }
        return result
    }
    public func bool(_ field: String) throws(LuaError) -> Bool {
        let value = try self.field(field)
        guard let result = value.boolValue else { throw mismatch(value, "field '\(field)'", "a boolean") }
        return result
    }

    /// An optional integer field: nil when absent, an error when present with another type.
    public func optionalInt(_ field: String) throws(LuaError) -> Int64? {
        let value = try self.field(field)
        if value == .nil { return nil }
        return try integer(value, "field '\(field)'", floatIs: "\(function)(): field '\(field)' is")
    }

    /// A field of a table result (`.nil` when absent); an error when the result is not a table.
    public func field(_ name: String) throws(LuaError) -> LuaValue {
        switch value {
        case .table(let fields): return fields[name] ?? .nil
        default: throw contractError("result must be a table, got \(describe(value))")
        }
    }

    /// A Lua integer; a float, even a whole one, is refused with a hint how to make one.
    /// The texts are autoclosures: an integer result, the common case, builds no string.
    private func integer(_ value: LuaValue, _ what: @autoclosure () -> String, floatIs: @autoclosure () -> String) throws(LuaError) -> Int64 {
        if let result = value.integerValue { return result }
        if case .number(let number) = value {
            throw LuaError(kind: .contract, file: script, message:
                "\(floatIs()) \(number), a float; return a whole number (use // on integers, or math.floor)")
        }
        throw mismatch(value, what(), "an integer")
    }

    private func mismatch(_ value: LuaValue, _ what: String, _ expected: String) -> LuaError {
        contractError("\(what) must be \(expected), got \(describe(value))")
    }

    private func describe(_ value: LuaValue) -> String {
        if case .number(let number) = value { return "number \(number)" }
        return value.typeName
    }

    private func contractError(_ message: String) -> LuaError {
        LuaError(kind: .contract, file: script, message: "\(function)(): \(message)")
    }
}
