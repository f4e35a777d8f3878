import Bot
import Engine
import Foundation
import LocalTelegram
import Logging

/// `tix-dev bench bot`: updates per second handled end to end (getUpdates → engine → sendMessage) through
/// a local Telegram on loopback, against the same commands submitted straight to the engine in the
/// same run, as many at once as the bot handles (a getUpdates batch).
///
/// Each update is a market order, in pairs: a sell and the buy that fills it, from different players.
public struct BotBenchmark: Sendable {
    public struct Figures: Sendable {
        public var updatesPerSecond: Double
        public var commandsPerSecond: Double
    }

    public var updates = 10_000
    public var players = 1000
    /// Commands in flight against the engine directly: what one getUpdates batch gives the bot.
    public var inFlight = 100
    public var rounds = 3
    public var directory: URL
    public var rules: URL?

    public init(directory: URL) { self.directory = directory }

    public func run() async throws -> Figures {
        var viaBot: [Double] = []
        var direct: [Double] = []
        for _ in 0..<rounds {
            direct.append(try await directRate())
            viaBot.append(try await botRate())
        }
        return Figures(updatesPerSecond: viaBot.median, commandsPerSecond: direct.median)
    }

    private var quiet: Logger {
        var logger = Logger(label: "tix.bench.bot")
        logger.logLevel = .critical
        return logger
    }

    private func engine() throws -> Engine {
        try Engine(path: directory.appendingPathComponent("bot-\(UUID()).sqlite").path, rules: rules, logger: quiet)
    }

    private func account(_ n: Int) -> String { "p\(n)" }

    /// The n-th update's order: sells on even n, the buy that fills it on odd n.
    private func order(_ n: Int) -> (player: Int, side: TradeSide) {
        (n % players, n % 2 == 0 ? .sell : .buy)
    }

    private func directRate() async throws -> Double {
        let engine = try engine()
        defer { engine.close() }
        for result in await engine.submit((0..<players).map {
            Submission(actor: account($0), key: "open", command: .openAccount(name: account($0), kind: .player))
        }) { _ = try result.get() }
        try await fund(engine)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<inFlight {
                group.addTask {
                    for n in stride(from: lane, to: updates, by: inFlight) {
                        let (player, side) = order(n)
                        _ = try await engine.submit(Submission(
                            actor: account(player), key: "o\(n)",
                            command: .placeOrder(Order(account: account(player), side: side, asset: "sword", quantity: 1, price: 100))))
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(updates) / (ContinuousClock.now - start).seconds
    }

    private func botRate() async throws -> Double {
        let telegram = LocalTelegram()
        let url = try await telegram.start()
        let engine = try engine()
        let settings = BotSettings(token: telegram.token, apiURL: url, mode: .polling(timeout: 1), limits: nil)
        let bot = Task { try await TelegramBot(engine: engine, settings: settings, logger: quiet).run() }
        defer { engine.close() }
        let users = (0..<players).map { LocalUser(id: 10_000 + Int64($0), username: account($0), firstName: "P") }
        for user in users { telegram.say("/start", from: user) }
        try await telegram.waitUntil(timeout: .seconds(120)) { telegram.sentMessages >= players }
        try await fund(engine)

        let start = ContinuousClock.now
        for n in 0..<updates {
            let (player, side) = order(n)
            telegram.say("/\(side.rawValue) sword 1 1", from: users[player])
        }
        try await telegram.waitUntil(timeout: .seconds(600)) { telegram.sentMessages >= players + updates }
        let rate = Double(updates) / (ContinuousClock.now - start).seconds
        bot.cancel()
        _ = await bot.result
        await telegram.stop()
        return rate
    }

    /// Tickets and swords for every player, so every order applies.
    private func fund(_ engine: Engine) async throws {
        var setup = [Submission(actor: Submission.admin, key: "sword", command: .defineAsset(Asset(code: "sword", kind: .product, scale: 0)))]
        for n in 0..<players {
            setup.append(Submission(actor: Submission.admin, key: "t\(n)", command: .mint(to: account(n), asset: "TIX", amount: 1_000_000)))
            setup.append(Submission(actor: Submission.admin, key: "s\(n)", command: .mint(to: account(n), asset: "sword", amount: 1000)))
        }
        for result in await engine.submit(setup) { _ = try result.get() }
    }

}
