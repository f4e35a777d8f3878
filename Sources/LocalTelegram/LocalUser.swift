/// A person in the simulated Telegram: their private chat with the bot has their id.
public struct LocalUser: Sendable, Hashable {
    public var id: Int64
    public var username: String?
    public var firstName: String

    public init(id: Int64, username: String?, firstName: String) {
        self.id = id
        self.username = username
        self.firstName = firstName
    }

    var json: [String: Any] {
        var user: [String: Any] = ["id": id, "is_bot": false, "first_name": firstName]
        if let username { user["username"] = username }
        return user
    }
}

/// A chat: a user's private chat with the bot (the user's id) or a group (a negative id).
public struct LocalChat: Sendable, Hashable {
    public var id: Int64

    public init(id: Int64) { self.id = id }

    public static func privateChat(with user: LocalUser) -> LocalChat { LocalChat(id: user.id) }

    var json: [String: Any] { ["id": id, "type": id < 0 ? "supergroup" : "private"] }
}
