import Engine
import GRDB

/// Who is who: each chat user is linked to one engine account, for good.
struct Players: Sendable {
    let database: BotDatabase

    /// A linked player as the bot knows them.
    struct Link: Sendable, Hashable {
        var userID: Int64
        var account: String
        var username: String?
    }

    /// The account linked to a user, refreshing their @username if it changed since.
    func account(of person: Person) throws -> String? {
        guard let link = try link(user: person.id) else { return nil }
        let username = person.username?.lowercased()
        if username != link.username {
            try database.write { db in
                try db.execute(
                    sql: "UPDATE bot_players SET username = ? WHERE user_id = ?", arguments: [username, person.id])
            }
        }
        return link.account
    }

    func link(user id: Int64) throws -> Link? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM bot_players WHERE user_id = ?", arguments: [id]).map(Link.init(row:))
        }
    }

    /// The player who goes by @username now.
    func link(username: String) throws -> Link? {
        try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM bot_players WHERE username = ? ORDER BY user_id LIMIT 1",
                arguments: [username.lowercased()]
            ).map(Link.init(row:))
        }
    }

    func link(account: String) throws -> Link? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM bot_players WHERE account = ?", arguments: [account]).map(Link.init(row:))
        }
    }

    /// Links a user to the account just opened for them. Linking again is a no-op, so an update handled
    /// twice links once.
    func add(_ person: Person, account: String, referrer: String?, at: Int64) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bot_players (user_id, account, username, referrer, joined_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [person.id, account, person.username?.lowercased(), referrer, at])
        }
    }
}

extension Players.Link {
    init(row: Row) {
        self.init(userID: row["user_id"], account: row["account"], username: row["username"])
    }
}
