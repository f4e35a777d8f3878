import GRDB

/// The append-only journal table and the writer's position in it.
struct Journal {
    /// The last entry's sequence number, time and hash: where the next entry chains on.
    struct Head: Sendable, Equatable {
        var seq: Int64 = 0
        var at: Int64 = 0
        var hash = JournalEntry.genesis
    }

    static func head(in db: HotConnection) throws -> Head {
        try db.first("SELECT seq, at, hash FROM journal ORDER BY seq DESC LIMIT 1") {
            Head(seq: $0.int(0), at: $0.int(1), hash: $0.bytes(2))
        } ?? Head()
    }

    /// The command and receipt an actor's idempotency key already names, if any.
    static func entry(actor: String, key: String, in db: HotConnection) throws -> (command: Command, result: String)? {
        try db.first("SELECT command, result, format FROM journal WHERE actor = ? AND key = ?", .text(actor), .text(key)) {
            ($0.text(0), $0.text(1), $0.int(2))
        }.map { (try Command.decode($0.0, format: try JournalFormat.stored($0.2)), $0.1) }
    }

    /// Appends an entry after `head` and returns the new head. The entry's rule versions are stored as
    /// the id of their set (``ruleSet(_:names:in:)``); the hash covers their text.
    static func append(
        after head: Head, at: Int64, actor: String, key: String, command: String, result: String, rules: String,
        names: NameCache, in db: HotConnection
    ) throws -> Head {
        let seq = head.seq + 1
        let format = JournalFormat.current
        let hash = JournalEntry.chain(
            previous: head.hash, format: format, seq: seq, at: at, actor: actor, key: key, command: command,
            result: result, rules: rules)
        try db.run(
            "INSERT INTO journal (seq, at, actor, key, command, result, rules, rule_set, hash, format) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)",
            .int(seq), .int(at), .text(actor), .text(key), .text(command), .text(result),
            try ruleSet(rules, names: names, in: db).map(SQLArgument.int) ?? .null, .blob(hash), .int(format.rawValue))
        return Head(seq: seq, at: at, hash: hash)
    }

    /// The id of a set of rule versions, stored on first use; nil for a command that consulted none.
    static func ruleSet(_ versions: String, names: NameCache, in db: HotConnection) throws -> Int64? {
        guard !versions.isEmpty else { return nil }
        if let known = names.ruleSets[versions] { return known }
        var id = try db.first("SELECT id FROM rule_sets WHERE versions = ?", .text(versions)) { $0.int(0) }
        if id == nil {
            try db.run("INSERT INTO rule_sets (versions) VALUES (?)", .text(versions))
            id = db.lastInsertedRowID
        }
        names.remember(ruleSet: versions, id!)
        return id
    }
}
