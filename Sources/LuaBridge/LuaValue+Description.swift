/// Renders a value as a Lua literal with sorted keys, e.g. `{ burn = 10, treasury = 0 }`,
/// so example failures read like the examples designers wrote.
extension LuaValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .nil: return "nil"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value): return Self.literal(value)
        case .string(let value): return Self.literal(value)
        case .array(let items):
            return items.isEmpty ? "{}" : "{ " + items.map(\.description).joined(separator: ", ") + " }"
        case .table(let fields):
            if fields.isEmpty { return "{}" }
            let entries = fields.sorted { $0.key < $1.key }.map { key, value in
                (Self.isIdentifier(key) ? key : "[\(Self.literal(key))]") + " = " + value.description
            }
            return "{ " + entries.joined(separator: ", ") + " }"
        }
    }

    private static func literal(_ value: Double) -> String {
        if value.isNaN { return "0/0" }
        if value.isInfinite { return value < 0 ? "-math.huge" : "math.huge" }
        return value.description  // keeps a ".0" on integral floats, as Lua prints them
    }

    private static func literal(_ value: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\n"): bytes += Array("\\n".utf8)
            case 0..<32, 127:  // three digits, so a following digit cannot extend the escape
                let digits = String(byte)
                bytes += Array(("\\" + String(repeating: "0", count: 3 - digits.count) + digits).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !keywords.contains(key) else { return false }
        func word(_ c: UInt8) -> Bool { c == UInt8(ascii: "_") || (97...122).contains(c | 0x20) }
        return word(first) && key.utf8.allSatisfy { word($0) || (48...57).contains($0) }
    }
}
