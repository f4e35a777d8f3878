/// A JSON encoder specialised for the journal: sorted keys, no whitespace, integers and strings only.
///
/// Foundation's `JSONEncoder` spends most of a transfer's CPU on dynamic casts for types the journal
/// never holds (dates, URLs, decimals). This encoder writes the same JSON shape `JSONDecoder` reads
/// back, several times faster. Floating point is refused: no float belongs in a journaled command.
struct CanonicalEncoder {
    func encode<T: Encodable>(_ value: T) throws -> String {
        let root = NodeEncoder()
        try value.encode(to: root)
        var out: [UInt8] = []
        out.reserveCapacity(256)
        root.node.write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// The encoded value tree. Objects and arrays are boxes so nested containers can fill them later.
private enum Node {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case object(ObjectBox)
    case array(ArrayBox)

    func write(to out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .integer(let value): out += String(value).utf8
        case .string(let value): appendString(value, to: &out)
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            // Keys are ASCII identifiers, whose String order is their byte order.
            let fields = box.fields.isSorted ? box.fields : box.fields.sorted { $0.key < $1.key }
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(field.key, to: &out)
                out.append(UInt8(ascii: ":"))
                field.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let box):
            out.append(UInt8(ascii: "["))
            for (index, item) in box.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}

private final class ObjectBox { var fields: [(key: String, value: Node)] = [] }

extension Array where Element == (key: String, value: Node) {
    fileprivate var isSorted: Bool { indices.dropFirst().allSatisfy { self[$0 - 1].key < self[$0].key } }
}
private final class ArrayBox { var items: [Node] = [] }

/// Appends a JSON string literal.
func appendString(_ string: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
        default: out.append(byte)
        }
    }
    out.append(UInt8(ascii: "\""))
}

/// Encodes one value: whichever container the value asks for becomes its node.
private final class NodeEncoder: Encoder {
    var node: Node = .null
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let box) = node { return KeyedEncodingContainer(KeyedContainer(box: box)) }
        let box = ObjectBox()
        node = .object(box)
        return KeyedEncodingContainer(KeyedContainer(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let box) = node { return UnkeyedContainer(box: box) }
        let box = ArrayBox()
        node = .array(box)
        return UnkeyedContainer(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    static func encode<T: Encodable>(_ value: T) throws -> Node {
        switch value {
        case let string as String: return .string(string)
        case let int as Int64: return .integer(int)
        case let int as Int: return .integer(Int64(int))
        case let bool as Bool: return .bool(bool)
        case is Double, is Float: throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "no floating point in the journal"))
        default:
            let encoder = NodeEncoder()
            try value.encode(to: encoder)
            return encoder.node
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.fields.append((key.stringValue, .null)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.fields.append((key.stringValue, try NodeEncoder.encode(value)))
    }
    // Concrete overloads spare the synthesized code the dynamic casts of the generic path.
    mutating func encode(_ value: String, forKey key: Key) throws { box.fields.append((key.stringValue, .string(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.fields.append((key.stringValue, .integer(Int64(value)))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.fields.append((key.stringValue, .integer(Int64(value)))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.fields.append((key.stringValue, .bool(value))) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        box.fields.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.fields.append((key.stringValue, .array(nested)))
        return UnkeyedContainer(box: nested)
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder() }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: ArrayBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try NodeEncoder.encode(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Int64) throws { box.items.append(.integer(Int64(value))) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.items.append(.array(nested))
        return UnkeyedContainer(box: nested)
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder() }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try NodeEncoder.encode(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
}
