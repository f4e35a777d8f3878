/// A request the bot made, as the simulated Telegram saw it.
public struct BotCall: Sendable, Hashable {
    /// Position in the log of all calls, from 0.
    public var index: Int
    public var method: String
    /// The chat it concerned, when it names one.
    public var chat: Int64?
    /// The message it sent (the id Telegram gave it) or edited.
    public var messageID: Int64?
    public var text: String?
    /// Inline buttons as (label, data) rows.
    public var buttons: [[Button]]
    /// The message a sent message quotes.
    public var quoting: Int64?
    public var callbackQueryID: String?
    /// The HTTP status the simulator answered with.
    public var status: Int
    /// When the call arrived.
    public var at: ContinuousClock.Instant
    /// The path before `/bot<token>/` it was made on ("" for none): clients given different API URLs
    /// on the same server (`http://127.0.0.1:port/run2`) tell their calls apart by it.
    public var route: String

    public struct Button: Sendable, Hashable {
        public var label: String
        public var data: String
    }

    /// The button with this label, or whose label starts with it.
    public func button(_ label: String) -> Button? {
        buttons.joined().first { $0.label == label } ?? buttons.joined().first { $0.label.hasPrefix(label) }
    }

    public var delivered: Bool { status == 200 }
}
