/// The Bot API's incoming objects, as far as the bot reads them. Field names mirror the API
/// (`update_id` is `updateId` through the snake-case coders).
struct Update: Decodable, Sendable {
    var updateId: Int64
    var message: Message?
    var callbackQuery: CallbackQuery?
}

struct Message: Decodable, Sendable {
    var messageId: Int64
    var from: User?
    var chat: Chat
    var text: String?
    var replyToMessage: RepliedMessage?
    /// A file sent to the bot: a recipe proposed to the Parliament; its caption is the proposal's title.
    var document: Document?
    var caption: String?
}

struct Document: Decodable, Sendable {
    var fileId: String
    var fileName: String?
    var fileSize: Int64?
}

/// The message a message answers; the API nests a whole Message, of which the bot needs the author.
struct RepliedMessage: Decodable, Sendable {
    var messageId: Int64
    var from: User?
}

struct User: Codable, Sendable {
    var id: Int64
    var isBot: Bool
    var firstName: String
    var username: String?
}

struct Chat: Decodable, Sendable {
    var id: Int64
    /// "private", "group", "supergroup" or "channel".
    var type: String
}

struct CallbackQuery: Decodable, Sendable {
    var id: String
    var from: User
    var message: Message?
    var data: String?
}

/// An update whose body may not decode: its id still counts, so one malformed update is confirmed and
/// skipped instead of being fetched again forever.
struct ReceivedUpdate: Decodable, Sendable {
    var id: Int64
    var update: Update?

    private enum Keys: String, CodingKey { case updateId }

    init(from decoder: any Decoder) throws {
        id = try decoder.container(keyedBy: Keys.self).decode(Int64.self, forKey: .updateId)
        update = try? Update(from: decoder)
    }
}
