import Engine
import Foundation
import GRDB

/// Commands waiting for their player's Confirm: a button holds only the id, the server keeps the rest
/// (Telegram's `callback_data` holds 64 bytes).
struct PendingActions: Sendable {
    let database: BotDatabase

    struct Pending: Sendable {
        enum State: String, Sendable { case open, done, cancelled }

        var id: Int64
        var userID: Int64
        var command: Command
        var state: State
        /// The request that confirmed or cancelled it.
        var closedBy: String?
        var createdAt: Int64
    }

    /// Stores a command to confirm. `key` is the request that asked for it: asking again with the same
    /// key (an update handled twice) returns the same id.
    func add(_ command: Command, for userID: Int64, key: String, at: Int64) throws -> Int64 {
        let encoded = String(decoding: try JSONEncoder().encode(command), as: UTF8.self)
        return try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bot_pending (key, user_id, command, state, created_at) VALUES (?, ?, ?, 'open', ?)
                    ON CONFLICT (key) DO NOTHING
                    """,
                arguments: [key, userID, encoded, at])
            return try Int64.fetchOne(db, sql: "SELECT id FROM bot_pending WHERE key = ?", arguments: [key])!
        }
    }

    func pending(_ id: Int64) throws -> Pending? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM bot_pending WHERE id = ?", arguments: [id])
        }.flatMap { row in
            guard let command = try? JSONDecoder().decode(Command.self, from: Data((row["command"] as String).utf8)) else {
                return nil
            }
            return Pending(
                id: row["id"], userID: row["user_id"], command: command,
                state: Pending.State(rawValue: row["state"]) ?? .cancelled, closedBy: row["closed_by"],
                createdAt: row["created_at"])
        }
    }

    /// Closes an open action on behalf of the request `key`; closing it again changes nothing.
    func close(_ id: Int64, as state: Pending.State, by key: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE bot_pending SET state = ?, closed_by = ? WHERE id = ? AND state = 'open'",
                arguments: [state.rawValue, key, id])
        }
    }
}
