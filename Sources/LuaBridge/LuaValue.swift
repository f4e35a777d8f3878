/// A value that can cross between Swift and Lua. Lua tables become `.array` when their
/// keys are exactly 1...n and `.table` when all keys are strings; an empty Lua table
/// becomes `.table([:])`. Other key mixes, functions and cycles are refused on conversion.
/// Lua strings are bytes: invalid UTF-8 arrives with U+FFFD replacement characters.
public enum LuaValue: Sendable, Hashable {
    case `nil`
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case table([String: LuaValue])

    /// The value of a Lua integer; nil for floats, even 2.0, and everything else. Amounts
    /// must come from integer arithmetic: a float that happens to be whole on this machine
    /// may come out a hair off on another, and a replay there would disagree.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// A table field, or `.nil` when absent or when this is not a table.
    public subscript(field: String) -> LuaValue {
        if case .table(let fields) = self { return fields[field] ?? .nil }
        return .nil
    }

    /// Type name for error messages, in Lua's vocabulary plus array/integer.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .table: "table"
        }
    }

    /// Equality as Lua sees it: 10 equals 10.0 and an empty array equals an empty table,
    /// since both come from the same Lua literal `{}`.
    public func luaEquals(_ other: LuaValue) -> Bool {
        switch (self, other) {
        case (.integer, .number), (.number, .integer):
            return numberValue == other.numberValue
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.luaEquals($1) }
        case (.table(let a), .table(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map(value.luaEquals) ?? false }
        case (.array(let a), .table(let b)), (.table(let b), .array(let a)):
            return a.isEmpty && b.isEmpty
        default:
            return self == other
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
