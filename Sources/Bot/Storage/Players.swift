import Engine
import GRDB
import Synchronization

/// Who is who: each chat user is linked to one engine account, for good. Links are only ever added,
/// so the ones read are remembered; @usernames move between users and are always read afresh.
///
/// Players read each other by display name (``DisplayName``), never by account id: an account named
/// `tg1416938361608708` means nothing to anyone.
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
        var displayName: String
    }

    /// The account linked to a user, noting their @username and display name if they changed since.
    func account(of person: Person) throws -> String? {
        guard var link = try link(user: person.id) else { return nil }
        let username = person.username?.lowercased()
        let wanted = DisplayName.wanted(for: person)
        guard username != link.username || !DisplayName.fits(link.displayName, wanted) else { return link.account }
        link = try database.write { db in
            try db.execute(sql: "UPDATE bot_players SET username = ? WHERE user_id = ?", arguments: [username, person.id])
            if !DisplayName.fits(link.displayName, wanted) {
                let name = try DisplayName.free(wanted, db)
                try db.execute(sql: "UPDATE bot_players SET display_name = ? WHERE user_id = ?", arguments: [name, person.id])
            }
            return try Self.fetch(db, "user_id = ?", person.id)!
        }
        byUser.withLock { $0[person.id] = link }
        byAccount.withLock { $0[link.account] = link }
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

    /// The player who goes by `displayName` (as shown, case aside).
    func link(displayName: String) throws -> Link? {
        try fetch("display_name = ? COLLATE NOCASE ORDER BY user_id LIMIT 1", displayName)
    }

    /// What players read for `account`: a player's display name; any other account (an org, the
    /// market's) by its own name.
    func name(of account: String) throws -> String {
        try link(account: account)?.displayName ?? account
    }

    /// A refusal's words with the players it names by display name: the engine names accounts by id.
    func words(for rejection: Rejection) -> String {
        let name = { (account: String) in (try? self.name(of: account)) ?? account }
        return switch rejection {
        case .insufficientFunds(let account, let has, let needs):
            Rejection.insufficientFunds(account: name(account), has: has, needs: needs).description
        case .notPermitted(let actor, let action): Rejection.notPermitted(actor: name(actor), action: action).description
        case .balanceOverflow(let account): Rejection.balanceOverflow(account: name(account)).description
        case .cannotAfford(let account, let asset): Rejection.cannotAfford(account: name(account), asset: asset).description
        case .lacksPermission(let member, let org, let role, let permission):
            Rejection.lacksPermission(member: name(member), org: org, role: role, permission: permission).description
        case .overDailyCap(let member, let org, let cap, let spent):
            Rejection.overDailyCap(member: name(member), org: org, cap: cap, spent: spent).description
        case .notAMember(let org, let account): Rejection.notAMember(org: org, account: name(account)).description
        default: rejection.description
        }
    }

    /// Links a user to the account just opened for them, under a display name of their own. Linking
    /// again is a no-op, so an update handled twice links once.
    func add(_ person: Person, account: String, referrer: String?, at: Int64) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bot_players (user_id, account, username, referrer, joined_at, display_name) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [
                    person.id, account, person.username?.lowercased(), referrer, at, try DisplayName.free(DisplayName.wanted(for: person), db),
                ])
        }
    }

    private func fetch(_ condition: String, _ value: some DatabaseValueConvertible & Sendable) throws -> Link? {
        try database.read { db in try Self.fetch(db, condition, value) }
    }

    private static func fetch(_ db: Database, _ condition: String, _ value: some DatabaseValueConvertible) throws -> Link? {
        try Row.fetchOne(db, sql: "SELECT user_id, account, username, display_name FROM bot_players WHERE \(condition)", arguments: [value])
            .map { Link(userID: $0["user_id"], account: $0["account"], username: $0["username"], displayName: $0["display_name"]) }
    }
}
