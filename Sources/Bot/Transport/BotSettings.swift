/// How the bot reaches Telegram. ``init(environment:)`` reads them from `TELEGRAM_*` variables.
public struct BotSettings: Sendable {
    /// How Telegram hands over updates.
    public enum Mode: Sendable, Hashable {
        /// The bot asks with `getUpdates`, waiting up to `timeout` seconds for news.
        case polling(timeout: Int)
        /// Telegram POSTs each update to `url`, served on `port` (0: any free port, then `url` is
        /// `http://127.0.0.1:<port>/telegram`), with `secret` in the `X-Telegram-Bot-Api-Secret-Token` header.
        case webhook(url: String?, port: Int, secret: String)
    }

    public var token: String
    /// The Bot API's base URL; a local Bot API server or a stand-in for tests can take its place.
    public var apiURL: String
    public var mode: Mode
    /// Nil sends as fast as Telegram answers (for a local server).
    public var limits: RateLimits?
    public var backoff: Backoff

    public static let officialAPI = "https://api.telegram.org"
    public static let webhookPath = "/telegram"

    public init(
        token: String, apiURL: String = officialAPI, mode: Mode = .polling(timeout: 25), limits: RateLimits? = .telegram,
        backoff: Backoff = Backoff()
    ) {
        self.token = token
        self.apiURL = apiURL
        self.mode = mode
        self.limits = limits
        self.backoff = backoff
    }

    /// `TELEGRAM_BOT_TOKEN` (nil without it), `TELEGRAM_API_URL`, and for webhook mode
    /// `TELEGRAM_WEBHOOK_URL`, `TELEGRAM_WEBHOOK_SECRET` and `TELEGRAM_WEBHOOK_PORT` (default 8443).
    public init?(environment: [String: String]) {
        guard let token = environment["TELEGRAM_BOT_TOKEN"], !token.isEmpty else { return nil }
        var mode = Mode.polling(timeout: 25)
        if let url = environment["TELEGRAM_WEBHOOK_URL"], let secret = environment["TELEGRAM_WEBHOOK_SECRET"] {
            mode = .webhook(url: url, port: environment["TELEGRAM_WEBHOOK_PORT"].flatMap { Int($0) } ?? 8443, secret: secret)
        }
        self.init(token: token, apiURL: environment["TELEGRAM_API_URL"] ?? Self.officialAPI, mode: mode)
    }
}
