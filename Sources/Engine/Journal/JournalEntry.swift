import Crypto
import Foundation
import GRDB

/// One applied command as the journal keeps it. Entries form a hash chain:
/// `hash = SHA-256(previous hash ‖ entry)`, so changing any past entry breaks every hash after it.
public struct JournalEntry: Sendable, Hashable {
    /// How the entry is encoded, hashed and replayed.
    public var format: JournalFormat
    public var seq: Int64
    /// Journal time, ms since the epoch; never goes backwards.
    public var at: Int64
    public var actor: String
    public var key: String
    /// The command in canonical JSON.
    public var command: String
    /// The receipt in canonical JSON.
    public var result: String
    /// The rule versions the command consulted, as `name@sha256` (`name@-` for a rule that was absent).
    public var rules: String
    public var hash: [UInt8]

    /// The hash in lower-case hex, as `tix journal` and `tix verify` print it.
    public var hashHex: String { hash.hex }

    /// The hash before the first entry.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// Hashes the entry's fields after `previous`. Each field is length-prefixed so no two different
    /// entries share an encoding. From format 2 on the format is the first field, so an entry cannot be
    /// passed off as another format's; format 1 entries keep the formula they were written with.
    static func chain(
        previous: [UInt8], format: JournalFormat, seq: Int64, at: Int64, actor: String, key: String, command: String,
        result: String, rules: String
    ) -> [UInt8] {
        // Hashed field by field as they lie in memory: the writer computes this for every command.
        var hasher = SHA256()
        hasher.update(data: previous)
        func update(_ field: String) {
            var (length, field) = (String(field.utf8.count) + ":", field)
            length.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        if format != .v1 { update(String(format.rawValue)) }
        for field in [String(seq), String(at), actor, key, command, result, rules] { update(field) }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// Whether this entry's hash follows from `previous` and its own fields.
    func follows(_ previous: [UInt8]) -> Bool {
        hash == Self.chain(
            previous: previous, format: format, seq: seq, at: at, actor: actor, key: key, command: command, result: result, rules: rules)
    }
}

extension JournalEntry {
    /// A `journal` row; one written before the `format` column existed is format 1.
    init(row: Row) throws {
        self.init(
            format: try JournalFormat.stored(row["format"] ?? 1), seq: row["seq"], at: row["at"], actor: row["actor"], key: row["key"], command: row["command"],
            result: row["result"], rules: row["rules"], hash: [UInt8](row["hash"] as Data))
    }
}
