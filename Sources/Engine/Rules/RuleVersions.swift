import Foundation
import GRDB
import LuaBridge

/// The `rule_versions` table: the source of every rule version a journal entry names, so that
/// `tix verify` replays each entry with exactly the rules it ran with, long after the files changed.
extension RuleSet {
    /// Stores the sources of the versions the current command consulted, once each.
    func storeConsultedVersions(seq: Int64, in db: HotConnection) throws {
        for (name, version) in consulted where version != "-" && !stored.contains(version) {
            guard let file = files[name] else { continue }
            try db.run(
                "INSERT OR IGNORE INTO rule_versions (sha256, name, source, first_seq) VALUES (?, ?, ?, ?)",
                .text(version), .text(name), .text(file.source), .int(seq))
            stored.insert(version)
        }
    }

    /// Makes the loaded rules match a journal entry's `rules` field, reading sources from `db`.
    func adopt(_ versions: String, from db: Database) throws {
        for item in versions.split(separator: ",") {
            let parts = item.split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw VerificationFailure("malformed rule version '\(item)'") }
            let (name, version) = (parts[0], parts[1])
            if version == "-" {
                remove(name)
            } else if self.version(of: name) != version {
                guard let source = try Self.source(db, "SELECT source FROM rule_versions WHERE sha256 = ?", version)
                else { throw VerificationFailure("rule version \(name)@\(version) is not stored") }
                let file = ScriptFile(name: name, source: source)
                guard file.sha256 == version else {
                    throw VerificationFailure("the stored source of \(name)@\(version) hashes to \(file.sha256)")
                }
                try install(file)
            }
        }
    }

    /// The most recent stored version of a rule: what stays live when its file is broken at start-up.
    static func lastStoredVersion(of name: String, in db: Database) throws -> ScriptFile? {
        try source(db, "SELECT source FROM rule_versions WHERE name = ? ORDER BY first_seq DESC LIMIT 1", name)
            .map { ScriptFile(name: name, source: $0) }
    }

    /// A stored source read by its byte length: GRDB reads text up to its first NUL, and a Lua file may
    /// hold one, which would make the stored version hash to something else.
    private static func source(_ db: Database, _ sql: String, _ argument: String) throws -> String? {
        try Data.fetchOne(db, sql: sql, arguments: [argument]).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Why a journal entry cannot be replayed.
struct VerificationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
