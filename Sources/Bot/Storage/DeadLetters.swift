import Engine
import GRDB

/// An update the bot gave up on after its handling failed ``limit`` times: stored with why, and
/// confirmed with its batch, so the updates after it are not held up for ever.
public struct DeadLetter: Sendable, Hashable, Codable {
    public var updateID: Int64
    public var chat: Int64?
    public var user: Int64?
    /// What the user sent: the message's text, or `button: <data>` for a press.
    public var content: String
    /// The last failure.
    public var error: String
    public var attempts: Int
    /// When it was set aside, ms since the epoch.
    public var at: Int64

    /// Handling attempts before an update is set aside. Failures are retried with backoff in between,
    /// so a short outage (the database busy, the engine restarting) does not cost updates.
    static let limit = 5
}

/// The dead-letter table (`bot_dead_letters`).
public struct DeadLetters: Sendable {
    let database: BotDatabase

    /// The dead letters of the bot on `engine`'s database, oldest first (`tix bot dead-letters`).
    public static func list(engine: Engine) throws -> [DeadLetter] {
        let database = try BotDatabase(path: engine.path)
        defer { try? database.close() }
        return try DeadLetters(database: database).all()
    }

    func all() throws -> [DeadLetter] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM bot_dead_letters ORDER BY update_id").map {
                DeadLetter(
                    updateID: $0["update_id"], chat: $0["chat_id"], user: $0["user_id"], content: $0["content"],
                    error: $0["error"], attempts: $0["attempts"], at: $0["at"])
            }
        }
    }

    /// Stores dead letters within the caller's transaction; one stored already is kept as it was.
    static func insert(_ letters: [DeadLetter], _ db: Database) throws {
        for letter in letters {
            try db.execute(
                sql: """
                    INSERT INTO bot_dead_letters (update_id, chat_id, user_id, content, error, attempts, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (update_id) DO NOTHING
                    """,
                arguments: [letter.updateID, letter.chat, letter.user, letter.content, letter.error, letter.attempts, letter.at])
        }
    }
}
