import Foundation
import GRDB
import LuaBridge

/// `tix verify`: proves a database against its own journal.
///
/// It walks the hash chain, replays every entry through the same ``Ledger`` into a fresh in-memory
/// database, compares each receipt and then the whole state with what is stored, and checks the
/// ``Invariants``. It reads one consistent snapshot, so it can run beside a live engine.
public struct Verifier {
    public struct Report: Sendable, Encodable {
        public var entries: Int64 = 0
        /// Hash of the last journal entry.
        public var headHash = JournalEntry.genesis.hex
        /// ``StateHash`` of the replayed state (equal to the stored one when `ok`).
        public var stateHash = ""
        /// The first journal entry that does not check out, if any.
        public var firstBadEntry: Int64?
        public var problems: [String] = []
        public var ok: Bool { problems.isEmpty }

        enum CodingKeys: String, CodingKey {
            case entries, headHash, stateHash, firstBadEntry, problems, ok
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(entries, forKey: .entries)
            try container.encode(headHash, forKey: .headHash)
            try container.encode(stateHash, forKey: .stateHash)
            try container.encodeIfPresent(firstBadEntry, forKey: .firstBadEntry)
            try container.encode(problems, forKey: .problems)
            try container.encode(ok, forKey: .ok)
        }
    }

    /// The limits the engine ran its rules with; replay relaxes them (see ``SandboxLimits/replay``).
    public let ruleLimits: SandboxLimits

    public init(ruleLimits: SandboxLimits = SandboxLimits()) {
        self.ruleLimits = ruleLimits
    }

    public func verify(path: String) throws -> Report {
        let stored = try DatabaseQueue(path: path)
        let replay = try DatabaseQueue()
        try Schema.migrator.migrate(replay)
        return try stored.read { db in
            var report = Report()
            try replayJournal(from: db, into: replay, report: &report)
            let storedHash = try StateHash.compute(in: db)
            report.stateHash = try replay.read { try StateHash.compute(in: $0, tablesOf: db) }.hex
            if report.firstBadEntry == nil && storedHash.hex != report.stateHash {
                report.problems.append("stored state \(storedHash.hex) differs from the replayed state \(report.stateHash)")
            }
            report.problems += try Invariants.violations(in: db)
            return report
        }
    }

    /// Stops at the first entry that breaks the chain or replays differently: later ones cannot be trusted.
    private func replayJournal(from db: Database, into replay: DatabaseQueue, report: inout Report) throws {
        // Same instruction budget as live, no deadline: a slower verifying machine must not fail
        // a command the writer accepted.
        let ledger = Ledger(rules: try RuleSet(limits: ruleLimits.replay))
        var previous = Journal.Head()
        try replay.inTransaction { database in
            let target = HotConnection(database, statements: StatementCache())
            // A file no release since "v17 rule sets" has opened has no view; its rows hold their text.
            let source = try db.viewExists("journal_entries") ? "journal_entries" : "journal"
            let entries = try Row.fetchCursor(db, sql: "SELECT * FROM \(source) ORDER BY seq")
            while let row = try entries.next() {
                let entry = try JournalEntry(row: row)
                if let problem = check(entry, after: previous, replaying: ledger, into: target, sources: db) {
                    report.firstBadEntry = entry.seq
                    report.problems.append("entry \(entry.seq): \(problem)")
                    return .commit
                }
                previous = Journal.Head(seq: entry.seq, at: entry.at, hash: entry.hash)
                report.entries += 1
                report.headHash = entry.hash.hex
            }
            return .commit
        }
    }

    private func check(
        _ entry: JournalEntry, after previous: Journal.Head, replaying ledger: Ledger, into db: HotConnection,
        sources: Database
    ) -> String? {
        guard entry.seq == previous.seq + 1 else { return "expected sequence number \(previous.seq + 1)" }
        guard entry.at >= previous.at else { return "time goes backwards" }
        guard entry.follows(previous.hash) else { return "hash does not follow from the previous entry" }
        do {
            let command = try Command.decode(entry.command, format: entry.format)
            try ledger.rules.adopt(entry.rules, from: sources)
            let receipt = try ledger.apply(
                command, actor: entry.actor, key: entry.key, seq: entry.seq, at: entry.at, format: entry.format, in: db)
            guard ledger.rules.consultedVersions == entry.rules else {
                return "replay consults rules \(ledger.rules.consultedVersions), journal says \(entry.rules)"
            }
            let replayed = Canonical.encode(receipt)
            return replayed == entry.result ? nil : "replay gives \(replayed), journal says \(entry.result)"
        } catch {
            return "replay refuses the command: \(error)"
        }
    }
}
