/// Something a player did in a chat, whatever the transport: Telegram or `tix play`.
public struct Incoming: Sendable {
    public enum Action: Sendable, Hashable {
        /// A message: a command such as `/pay @bob 5`, or plain words.
        case text(String)
        /// A press on one of the bot's buttons, carrying the button's data.
        case press(String)
        /// A file sent to the bot (`recipe.lua`), with its caption; `source` is its text once fetched,
        /// nil when it is not a recipe file the bot fetches (another kind, or too large).
        case document(name: String, source: String?, caption: String?)
    }

    /// The idempotency key of what this causes in the engine: the same key for the same update, however
    /// often it is handled (Telegram: `tg-update-<update_id>`).
    public var key: String
    public var from: Person
    public var place: Place
    public var action: Action
    /// The message that carried the text, or the bot's message whose button was pressed.
    public var messageID: Int64?
    /// The author of the message this text replies to: paying by reply.
    public var repliedTo: Person?

    public init(key: String, from: Person, place: Place, action: Action, messageID: Int64? = nil, repliedTo: Person? = nil) {
        self.key = key
        self.from = from
        self.place = place
        self.action = action
        self.messageID = messageID
        self.repliedTo = repliedTo
    }
}

/// A chat user: a Telegram user, or a player of `tix play`.
public struct Person: Sendable, Hashable {
    /// Telegram's user id; also the id of the user's private chat with the bot.
    public var id: Int64
    /// Without the `@`.
    public var username: String?
    public var firstName: String

    public init(id: Int64, username: String?, firstName: String) {
        self.id = id
        self.username = username
        self.firstName = firstName
    }
}

/// The chat something was said in.
public struct Place: Sendable, Hashable {
    public var chat: Int64
    /// A group chat: the bot answers commands addressed to it and quotes the message it answers.
    public var isGroup: Bool

    public init(chat: Int64, isGroup: Bool) {
        self.chat = chat
        self.isGroup = isGroup
    }
}
