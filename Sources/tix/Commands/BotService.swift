import Bot
import Logging
import ServiceLifecycle

/// The Telegram bot as a service: it runs until the group shuts down, and its failure is the group's.
/// Being cancelled by that shutdown is not a failure.
struct BotService: Service {
    let bot: TelegramBot
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await bot.run() }
        } catch where Task.isShuttingDownGracefully || error is CancellationError {
            return
        } catch {
            logger.error("Telegram bot stopped: \(error)")
            throw error
        }
    }
}
