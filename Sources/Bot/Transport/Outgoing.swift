import Foundation

/// A Bot API request to make for a response: stored in the outbox before it is sent.
struct Outgoing: Sendable, Hashable {
    var chat: Int64
    var method: Method
    /// The request's JSON parameters.
    var body: String

    init(chat: Int64, method: Method, parameters: some Encodable) throws {
        self.chat = chat
        self.method = method
        body = String(decoding: try JSON.encode(parameters), as: UTF8.self)
    }

    /// The requests that deliver a response: the answer to the pressed button's callback query (always,
    /// so the button stops spinning), then each reply, as a new message or an edit.
    static func requests(for response: Response, in chat: Int64, callbackQuery: String?) throws -> [Outgoing] {
        var requests: [Outgoing] = []
        if let callbackQuery {
            requests.append(try Outgoing(
                chat: chat, method: .answerCallbackQuery,
                parameters: AnswerCallbackQuery(
                    callbackQueryId: callbackQuery, text: response.notice.map { TextLimit.cut($0, to: TextLimit.notice) })))
        }
        return try requests + response.replies.map(Outgoing.init)
    }

    /// The request that delivers one message: a new message, or an edit; a text too long for Telegram
    /// is cut.
    init(_ reply: Reply) throws {
        let keyboard = reply.buttons.isEmpty ? nil : InlineKeyboard(reply.buttons)
        let text = TextLimit.cut(reply.text, to: TextLimit.message)
        if let message = reply.replacing {
            try self.init(
                chat: reply.chat, method: .editMessageText,
                parameters: EditMessageText(chatId: reply.chat, messageId: message, text: text, replyMarkup: keyboard))
        } else {
            try self.init(
                chat: reply.chat, method: .sendMessage,
                parameters: SendMessage(
                    chatId: reply.chat, text: text, replyMarkup: keyboard,
                    replyParameters: reply.quoting.map { ReplyParameters(messageId: $0) }))
        }
    }
}

extension InlineKeyboard {
    init(_ buttons: [[Button]]) {
        inlineKeyboard = buttons.map { $0.map { Key(text: $0.label, callbackData: $0.data) } }
    }
}
