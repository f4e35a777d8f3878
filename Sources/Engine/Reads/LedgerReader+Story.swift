import GRDB

extension LedgerReader {
    /// An account's history as sentences, newest first: at most `limit` journal entries that moved the
    /// account's balances, all older than the entry `before` (nil: from the newest). Each step is two
    /// index lookups (postings by account and entry), so a page costs the same however deep it is.
    public func story(of name: String, limit: Int = 20, before: Int64? = nil) throws -> StoryPage {
        try pool.read { db in
            let id = try Self.accountID(named: name, in: db)
            let teller = try StoryTeller(db: db)
            var lines: [StoryLine] = []
            var cursor = before ?? .max
            while let seq = try Self.entry(touching: id, before: cursor, in: db) {
                guard lines.count < limit else { return StoryPage(lines: lines, next: cursor) }
                guard let entry = try Self.entry(seq, in: db) else { break }
                let receipt = try Canonical.decode(Receipt.self, from: entry.result)
                lines.append(StoryLine(
                    seq: seq, at: entry.at, text: try teller.text(of: entry, receipt: receipt, for: name),
                    postings: receipt.postings.filter { $0.from == name || $0.to == name }))
                cursor = seq
            }
            return StoryPage(lines: lines, next: nil)
        }
    }

    /// One journal entry told to `viewer`, with all its postings: from `viewer`'s point of view when it
    /// concerns them, else from the account it acted for, named first ("bob: Paid carol 3.00 TIX").
    /// Nil when there is no such entry.
    public func story(ofEntry seq: Int64, for viewer: String) throws -> StoryLine? {
        try pool.read { db in
            guard let entry = try Self.entry(seq, in: db) else { return nil }
            let receipt = try Canonical.decode(Receipt.self, from: entry.result)
            let principal = StoryTeller.principal(of: try Command.decode(entry.command, format: entry.format))
            let concerns = principal == viewer || receipt.postings.contains { $0.from == viewer || $0.to == viewer }
            let speaker = concerns ? viewer : principal ?? viewer
            let text = try StoryTeller(db: db).text(of: entry, receipt: receipt, for: speaker)
            return StoryLine(
                seq: seq, at: entry.at, text: speaker == viewer ? text : StoryLine.name(of: speaker) + ": " + text,
                postings: receipt.postings)
        }
    }

    /// The newest entry before `seq` with a posting to or from the account.
    private static func entry(touching account: Int64, before seq: Int64, in db: Database) throws -> Int64? {
        let debit = try Int64.fetchOne(
            db, sql: "SELECT seq FROM postings WHERE debit_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1", arguments: [account, seq])
        let credit = try Int64.fetchOne(
            db, sql: "SELECT seq FROM postings WHERE credit_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1", arguments: [account, seq])
        return [debit, credit].compactMap { $0 }.max()
    }

    private static func entry(_ seq: Int64, in db: Database) throws -> JournalEntry? {
        try Row.fetchOne(db, sql: "SELECT * FROM journal_entries WHERE seq = ?", arguments: [seq]).map(JournalEntry.init(row:))
    }
}
