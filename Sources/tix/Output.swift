import Engine
import Foundation

/// Prints results as text for people or as JSON for scripts.
enum Output {
    static func emit<T: Encodable>(_ value: T, json: Bool, text: () -> String) {
        print(json ? encode(value) : text())
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func describe(_ posting: Posting, scale: Int) -> String {
        "\(posting.from) → \(posting.to) \(Amount.format(posting.amount, scale: scale)) \(posting.asset)"
    }
}
