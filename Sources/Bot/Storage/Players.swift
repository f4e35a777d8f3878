import Engine
import GRDB
import Synchronization

/// Who is who: each chat user is linked to one engine account, for good. Links are only ever added,
/// so the ones read are remembered; @usernames move between users and are always read afresh.
final class Players: Sendable {
    private let database: BotDatabase
    private let byUser = Mutex<[Int64: Link]>([:])
    private let byAccount = Mutex<[String: Link]>([:])

    init(database: BotDatabase) { self.database = database }

    /// A linked player as the bot knows them.
    struct Link: Sendable, Hashable {
        var userID: Int64
        var account: String
        var username: String?
    }

    /// The account linked to a user, noting their @username if it changed since.
    func account(of person: Person) throws -> String? {
        guard var link = try link(user: person.id) else { return nil }
        let username = person.username?.lowercased()
        if username != link.username {
            try database.write { db in
                try db.execute(sql: "UPDATE bot_players SET username = ? WHERE user_id = ?", arguments: [username, person.id])
            }
            link.username = username
            byUser.withLock { $0[person.id] = link }
        }
        return link.account
    }

    func link(user id: Int64) throws -> Link? {
        if let link = byUser.withLock({ $0[id] }) { return link }
        let link = try fetch("user_id = ?", id)
        if let link { byUser.withLock { $0[id] = link } }
        return link
    }

    /// The player who goes by @username now.
    func link(username: String) throws -> Link? {
        try fetch("username = ? ORDER BY user_id LIMIT 1", username.lowercased())
    }

    func link(account: String) throws -> Link? {
        if let link = byAccount.withLock({ $0[account] }) { return link }
        let link = try fetch("account = ?", account)
        if let link { byAccount.withLock { $0[account] = link } }
        return link
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

    private func fetch(_ condition: String, _ value: some DatabaseValueConvertible & Sendable) throws -> Link? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT user_id, account, username FROM bot_players WHERE \(condition)", arguments: [value])
        }.map { Link(userID: $0["user_id"], account: $0["account"], username: $0["username"]) }
    }
}
