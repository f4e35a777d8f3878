/// What the bot says back, whatever the transport.
public struct Response: Sendable, Hashable {
    public var replies: [Reply]
    /// For a button press: a short note shown over the chat (Telegram's answer to the callback query).
    public var notice: String?

    public init(replies: [Reply] = [], notice: String? = nil) {
        self.replies = replies
        self.notice = notice
    }
}

/// One message of the bot's.
public struct Reply: Sendable, Hashable {
    public var chat: Int64
    public var text: String
    public var buttons: [[Button]]
    /// Shown in place of this earlier message of the bot's (a one-tap loop, a confirmed payment).
    public var replacing: Int64?
    /// Quotes the message it answers (group chats).
    public var quoting: Int64?

    public init(chat: Int64, text: String, buttons: [[Button]] = [], replacing: Int64? = nil, quoting: Int64? = nil) {
        self.chat = chat
        self.text = text
        self.buttons = buttons
        self.replacing = replacing
        self.quoting = quoting
    }
}

/// An inline button. Its data names a button route and its arguments, `action:argument:argument`: at
/// most 64 bytes, so anything bigger stays on the server and the button carries its id.
public struct Button: Sendable, Hashable {
    public var label: String
    public var data: String

    /// Telegram's limit on `callback_data`.
    static let maxData = 64

    init(_ label: String, _ action: String, _ arguments: String...) {
        self.init(label, action, arguments: arguments)
    }

    init(_ label: String, _ action: String, arguments: [String]) {
        self.label = label
        data = ([action] + arguments).joined(separator: ":")
        precondition(data.utf8.count <= Self.maxData, "button data over \(Self.maxData) bytes: \(data)")
    }
}

extension [Button] {
    /// Laid out `perRow` to a row: a keyboard.
    func rows(_ perRow: Int = 2) -> [[Button]] {
        stride(from: 0, to: count, by: perRow).map { Array(self[$0..<Swift.min($0 + perRow, count)]) }
    }
}
