/// The first value a script function returned, with typed accessors whose errors name
/// the script, the function and the field: "fees.lua: fee(): field 'fee' must be an
/// integer, got string". Money is Int64: a float is accepted only with an exact integer value.
public struct LuaResult: Sendable, Hashable {
    public let value: LuaValue
    public let script: String
    public let function: String

    public init(value: LuaValue, script: String, function: String) {
        self.value = value
        self.script = script
        self.function = function
    }

    public func int() throws(LuaError) -> Int64 { try require(value, "result", "an integer", \.integerValue) }
    public func number() throws(LuaError) -> Double { try require(value, "result", "a number", \.numberValue) }
    public func string() throws(LuaError) -> String { try require(value, "result", "a string", \.stringValue) }
    public func bool() throws(LuaError) -> Bool { try require(value, "result", "a boolean", \.boolValue) }

    public func int(_ field: String) throws(LuaError) -> Int64 {
        try require(try self.field(field), "field '\(field)'", "an integer", \.integerValue)
    }
    public func number(_ field: String) throws(LuaError) -> Double {
        try require(try self.field(field), "field '\(field)'", "a number", \.numberValue)
    }
    public func string(_ field: String) throws(LuaError) -> String {
        try require(try self.field(field), "field '\(field)'", "a string", \.stringValue)
    }
    public func bool(_ field: String) throws(LuaError) -> Bool {
        try require(try self.field(field), "field '\(field)'", "a boolean", \.boolValue)
    }

    /// An optional integer field: nil when absent, an error when present with another type.
    public func optionalInt(_ field: String) throws(LuaError) -> Int64? {
        let value = try self.field(field)
        return value == .nil ? nil : try require(value, "field '\(field)'", "an integer", \.integerValue)
    }

    /// A field of a table result (`.nil` when absent); an error when the result is not a table.
    public func field(_ name: String) throws(LuaError) -> LuaValue {
        switch value {
        case .table(let fields): return fields[name] ?? .nil
        default: throw contractError("result must be a table, got \(describe(value))")
        }
    }

    private func require<T>(
        _ value: LuaValue, _ what: String, _ expected: String, _ extract: (LuaValue) -> T?
    ) throws(LuaError) -> T {
        guard let result = extract(value) else {
            throw contractError("\(what) must be \(expected), got \(describe(value))")
        }
        return result
    }

    private func describe(_ value: LuaValue) -> String {
        if case .number(let number) = value { return "number \(number)" }
        return value.typeName
    }

    private func contractError(_ message: String) -> LuaError {
        LuaError(kind: .contract, file: script, message: "\(function)(): \(message)")
    }
}
