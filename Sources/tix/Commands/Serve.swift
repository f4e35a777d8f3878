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
        let bot = Self.telegram(engine, logger: logger)
        await Self.waitForTermination()
        logger.info("shutting down: finishing submitted commands")
        worker.cancel()
        bot?.cancel()
        _ = await bot?.result
        engine.close()
    }

    /// The Telegram bot, when `TELEGRAM_BOT_TOKEN` is set; otherwise says how to play without it.
    static func telegram(_ engine: Engine, logger: Logger) -> Task<Void, any Error>? {
        guard let settings = BotSettings(environment: ProcessInfo.processInfo.environment) else {
            logger.info("Telegram bot off: set TELEGRAM_BOT_TOKEN to run it; meanwhile play in a terminal with `tix play`")
            return nil
        }
        return Task {
            do { try await TelegramBot(engine: engine, settings: settings, logger: logger).run() } catch {
                logger.error("Telegram bot stopped: \(error)")
                throw error
            }
        }
    }

    /// Suspends until SIGINT or SIGTERM arrives.
    static func waitForTermination() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let once = DispatchQueue(label: "tix.signals")
            var sources: [DispatchSourceSignal] = []
            var resumed = false
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: once)
                source.setEventHandler {
                    guard !resumed else { return }
                    resumed = true
                    sources.forEach { $0.cancel() }
                    done.resume()
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}

extension Durability: ExpressibleByArgument {}
