import ArgumentParser
import Bot
import Dispatch
import Engine
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the engine: the main job. Stops cleanly on Ctrl-C or SIGTERM.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "full (survives power loss) or normal (survives process crashes).")
    var durability: Durability = .full

    func run() async throws {
        let logger = Logger(label: "tix.serve")
        let settings: BotSettings?
        do {
            settings = try BotSettings(environment: ProcessInfo.processInfo.environment)
        } catch {
            logger.error("Telegram bot not started: \(error)")
            throw ExitCode.failure
        }
        if global.rulesDirectory == nil {
            logger.warning("no rules directory at \(global.rules): every rule's default applies (no fees, no rewards)")
        }
        let engine = try Engine(
            path: global.db, durability: durability, rules: global.rulesDirectory, recipes: global.recipesDirectory,
            watchRules: true, logger: logger)
        logger.info("engine serving", metadata: [
            "db": "\(global.db)", "durability": "\(durability)", "rules": "\(global.rules), \(global.recipes) (watched)",
        ])
        if try await global.openStartingPools(engine) > 0 {
            logger.info("opened the starting pools of \(global.rules)/pools.lua")
        }
        let worker = Task { await JobWorker(engine: engine, logger: logger).run() }
        let stops = AsyncStream<Stop>.makeStream()
        let signals = Self.onTermination { stops.continuation.yield(.signal) }
        let bot = settings.map { settings in
            Task {
                do {
                    try await TelegramBot(engine: engine, settings: settings, logger: logger).run()
                } catch {
                    logger.error("Telegram bot stopped: \(error)")
                    stops.continuation.yield(.botFailed)
                }
            }
        }
        if settings == nil {
            logger.info("Telegram bot off: set TELEGRAM_BOT_TOKEN to run it; meanwhile play in a terminal with `tix play`")
        }
        let stop = await stops.stream.first { _ in true }
        signals.forEach { $0.cancel() }
        logger.info("shutting down: finishing submitted commands")
        worker.cancel()
        bot?.cancel()
        await bot?.value
        engine.close()
        if stop == .botFailed { throw ExitCode.failure }
    }

    /// Why serving ends: Ctrl-C or SIGTERM, or the bot failed (the process then exits non-zero, so a
    /// supervisor notices instead of a bot gone quiet).
    enum Stop: Sendable { case signal, botFailed }

    /// Calls `stop` on SIGINT or SIGTERM, until the returned sources are cancelled.
    static func onTermination(_ stop: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "tix.signals")
        return [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }
}

extension Durability: ExpressibleByArgument {}
