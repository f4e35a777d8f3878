import Foundation
import GRDB

/// How a player is named to others: their Telegram first name, else their @username, made unique
/// readably ("Alice", "Alice (2)") so two Alices are never confused.
enum DisplayName {
    /// Longest name kept from Telegram (first names run to 64 characters), so lines stay short.
    static let maxLength = 32

    /// The name a person would like: first name, else @username, else their user id.
    static func wanted(for person: Person) -> String {
        let first = String(person.firstName.filter { !$0.isNewline }).trimmingCharacters(in: .whitespaces)
        if !first.isEmpty { return String(first.prefix(maxLength)) }
        return person.username.map { "@" + $0 } ?? "player \(person.id)"
    }

    /// Whether `current` is `wanted`, as is or made unique ("Alice (2)" fits "Alice").
    static func fits(_ current: String, _ wanted: String) -> Bool {
        guard current != wanted else { return true }
        guard current.hasPrefix(wanted + " ("), current.hasSuffix(")") else { return false }
        return Int(current.dropFirst(wanted.count + 2).dropLast()) != nil
    }

    /// `wanted`, or the first "wanted (n)" no player has, in the transaction that takes it.
    static func free(_ wanted: String, _ db: Database) throws -> String {
        var candidate = wanted
        var number = 1
        while try Bool.fetchOne(db, sql: "SELECT 1 FROM bot_players WHERE display_name = ? COLLATE NOCASE", arguments: [candidate]) == true {
            number += 1
            candidate = "\(wanted) (\(number))"
        }
        return candidate
    }
}
