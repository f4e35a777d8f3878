import Foundation

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
    /// Throws ``BotError/badWebhook(_:)`` for webhook settings the bot could not run with.
    public init?(environment: [String: String]) throws {
        guard let token = environment["TELEGRAM_BOT_TOKEN"], !token.isEmpty else { return nil }
        var mode = Mode.polling(timeout: 25)
        switch (environment["TELEGRAM_WEBHOOK_URL"], environment["TELEGRAM_WEBHOOK_SECRET"]) {
        case (nil, nil):
            break
        case (let url?, let secret?):
            let port = environment["TELEGRAM_WEBHOOK_PORT"] ?? "8443"
            guard let number = Int(port) else { throw BotError.badWebhook("TELEGRAM_WEBHOOK_PORT '\(port)' is not a port number") }
            mode = .webhook(url: url, port: number, secret: secret)
        default:
            throw BotError.badWebhook("set both TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET (webhook), or neither (polling)")
        }
        self.init(token: token, apiURL: environment["TELEGRAM_API_URL"] ?? Self.officialAPI, mode: mode)
        try validate()
    }

    /// Checks webhook settings as Telegram would, so a bot that could never hear an update stops at
    /// once with the reason instead of running deaf: the secret is 1 to 256 characters of `A-Z`,
    /// `a-z`, `0-9`, `_` and `-`; the URL is https (nil, the local test set-up, serves http on loopback).
    public func validate() throws {
        guard case .webhook(let url, let port, let secret) = mode else { return }
        guard (1...256).contains(secret.utf8.count), secret.utf8.allSatisfy(Self.isSecretByte) else {
            throw BotError.badWebhook("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
        }
        if let url {
            guard let parts = URLComponents(string: url), parts.scheme?.lowercased() == "https", parts.host?.isEmpty == false else {
                throw BotError.badWebhook("TELEGRAM_WEBHOOK_URL '\(url)' is not an https:// URL; Telegram delivers updates only over HTTPS")
            }
        }
        guard (0...65535).contains(port) else { throw BotError.badWebhook("TELEGRAM_WEBHOOK_PORT \(port) is not a port number") }
    }

    private static func isSecretByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
