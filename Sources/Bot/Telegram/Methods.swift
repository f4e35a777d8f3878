/// The Bot API methods the bot calls, with their parameters as the API names them.
enum Method: String, Sendable {
    case getMe, getUpdates, setWebhook, deleteWebhook, setMyCommands
    case sendMessage, editMessageText, answerCallbackQuery, getFile
}

struct GetFile: Encodable {
    var fileId: String
}

/// A file as `getFile` describes it: where to download it from.
struct TelegramFile: Decodable {
    var filePath: String?
}

struct GetUpdates: Encodable {
    var offset: Int64
    var timeout: Int
    var allowedUpdates = ["message", "callback_query"]
}

struct SetWebhook: Encodable {
    var url: String
    var secretToken: String
    var allowedUpdates = ["message", "callback_query"]
}

struct DeleteWebhook: Encodable {
    /// Updates still queued stay queued: the bot polls them next.
    var dropPendingUpdates = false
}

struct SetMyCommands: Encodable {
    struct Entry: Encodable {
        var command: String
        var description: String
    }

    var commands: [Entry]
}

struct SendMessage: Codable {
    var chatId: Int64
    var text: String
    var replyMarkup: InlineKeyboard?
    var replyParameters: ReplyParameters?
}

struct ReplyParameters: Codable {
    var messageId: Int64
    /// A reply to a deleted message is still sent, without the quote.
    var allowSendingWithoutReply = true
}

struct EditMessageText: Codable {
    var chatId: Int64
    var messageId: Int64
    var text: String
    var replyMarkup: InlineKeyboard?
}

struct AnswerCallbackQuery: Codable {
    var callbackQueryId: String
    var text: String?
}

struct InlineKeyboard: Codable {
    struct Key: Codable {
        var text: String
        var callbackData: String
    }

    var inlineKeyboard: [[Key]]
}

/// Every answer of the API: `result` when `ok`, else an error code, words, and maybe a wait.
struct Envelope<Result: Decodable>: Decodable {
    struct Parameters: Decodable {
        var retryAfter: Int?
    }

    var ok: Bool
    var result: Result?
    var errorCode: Int?
    var description: String?
    var parameters: Parameters?
}

/// For calls whose result the bot does not read.
struct Ignored: Decodable {
    init(from decoder: any Decoder) throws {}
}
