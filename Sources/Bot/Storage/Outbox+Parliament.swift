import GRDB

/// The Parliament's notices: the last journal entry announced, moved only together with the notices it
/// covers (so a restart neither loses nor doubles one); who turned "voting opened" notices off; and
/// when each player last had one.
extension Outbox {
    func parliamentCursor() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM bot_parliament_cursor") ?? 0 }
    }

    /// Players who turned "voting opened" notices off.
    func quietVoters() throws -> Set<String> {
        try database.read { db in Set(try String.fetchAll(db, sql: "SELECT account FROM bot_parliament_quiet")) }
    }

    func setQuiet(_ account: String, _ quiet: Bool) throws {
        try database.write { db in
            try db.execute(
                sql: quiet ? "INSERT OR IGNORE INTO bot_parliament_quiet (account) VALUES (?)" : "DELETE FROM bot_parliament_quiet WHERE account = ?",
                arguments: [account])
        }
    }

    /// When each player last had a "voting opened" notice.
    func lastVotingNotices() throws -> [String: Int64] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT account, at FROM bot_parliament_notified").map { ($0["account"], $0["at"]) })
        }
    }

    /// Stores the notices of the entries after `old` up to `new`, notes who was told of a vote opened
    /// when, and moves the cursor, in one transaction. Nil, storing nothing, when the cursor is no longer
    /// at `old`: another instance of the bot on this database announced them first.
    func commit(_ notices: [Outgoing], parliament old: Int64, through new: Int64, told voters: [String: Int64]) throws -> [Item]? {
        try database.write { db in
            try db.execute(sql: "UPDATE bot_parliament_cursor SET seq = ? WHERE seq = ?", arguments: [new, old])
            guard db.changesCount == 1 else { return nil }
            for (voter, at) in voters {
                try db.execute(
                    sql: "INSERT INTO bot_parliament_notified (account, at) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET at = excluded.at",
                    arguments: [voter, at])
            }
            return try Self.insert(notices, db)
        }
    }
}
