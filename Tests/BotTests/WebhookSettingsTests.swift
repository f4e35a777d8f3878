import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Webhook settings are checked before the bot starts")
struct WebhookSettingsTests {
    @Test("a secret Telegram would refuse, or a URL that is not https, stops the bot before it calls Telegram", arguments: [
        (nil, "has spaces"), (nil, ""), (nil, String(repeating: "s", count: 257)), (nil, "sécret"),
        ("http://bot.example.com/telegram", "s3cret"), ("bot.example.com/telegram", "s3cret"), ("https:///telegram", "s3cret"),
    ] as [(String?, String)])
    func refused(url: String?, secret: String) async throws {
        try await withLocalTelegram { telegram, api in
            let engine = try Engine(path: scratchPath())
            defer { engine.close() }
            let settings = BotSettings(token: telegram.token, apiURL: api, mode: .webhook(url: url, port: 0, secret: secret), limits: nil)
            let bot = Task { try await TelegramBot(engine: engine, settings: settings).run() }
            let watchdog = Task {
                try await Task.sleep(for: .seconds(10))
                bot.cancel()
            }
            let error = await #expect(throws: BotError.self) { try await bot.value }
            watchdog.cancel()
            _ = await watchdog.result
            #expect(error?.description.hasPrefix("Bad webhook settings: ") == true)
            #expect(telegram.calls.isEmpty, "nothing asked of Telegram")
        }
    }

    @Test("the environment gives both the webhook's URL and secret, or neither")
    func environment() throws {
        let token = ["TELEGRAM_BOT_TOKEN": "t"]
        #expect(throws: BotError.self) { try BotSettings(environment: token.merging(["TELEGRAM_WEBHOOK_URL": "https://a.example/t"]) { $1 }) }
        #expect(throws: BotError.self) { try BotSettings(environment: token.merging(["TELEGRAM_WEBHOOK_SECRET": "s"]) { $1 }) }
        #expect(throws: BotError.self) {
            try BotSettings(environment: token.merging([
                "TELEGRAM_WEBHOOK_URL": "https://a.example/t", "TELEGRAM_WEBHOOK_SECRET": "s", "TELEGRAM_WEBHOOK_PORT": "x",
            ]) { $1 })
        }
        let settings = try #require(try BotSettings(environment: token.merging([
            "TELEGRAM_WEBHOOK_URL": "https://a.example/t", "TELEGRAM_WEBHOOK_SECRET": String(repeating: "A-z_9", count: 51),
        ]) { $1 }))
        #expect(settings.mode == .webhook(url: "https://a.example/t", port: 8443, secret: String(repeating: "A-z_9", count: 51)))
        #expect(try BotSettings(environment: [:]) == nil)
    }
}
