import Foundation

/// The one encoding commands and receipts are journaled and hashed in: JSON with sorted keys, so the
/// same value always gives the same bytes on every machine and every replay.
package enum Canonical {
    package static func encode<T: Encodable>(_ value: T) throws -> String {
        try CanonicalEncoder().encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
