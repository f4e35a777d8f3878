import Bot
import ServiceLifecycle

/// The Telegram bot as a service: it runs until the group shuts down, and its failure is the group's.
struct BotService: Service {
    let bot: TelegramBot

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await bot.run() }
    }
}
