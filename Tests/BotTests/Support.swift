import Bot
import Engine
import Foundation
import LocalTelegram
import Logging
import Synchronization
import TestSupport
import Testing

/// The economy's rules as shipped.
let shippedRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("rules", isDirectory: true)

/// The recipes as shipped.
let shippedRecipes = shippedRules.deletingLastPathComponent().appendingPathComponent("recipes", isDirectory: true)

/// A database made by the previous release, as an SQL dump.
let ledgerV1 = shippedRules.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/ledger-v1.sql")

/// A fresh database file per test: Swift Testing runs tests in parallel.
func scratchPath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tix-bot-tests-\(UUID())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ledger.sqlite").path
}

/// One test's world: a scratch engine on the shipped rules, a local Telegram on its own port, and the
/// bot between them, which can be stopped and started again on the same database.
final class Stage: Sendable {
    let telegram: LocalTelegram
    let path: String
    let rules: URL
    let clock = ManualClock()
    let apiURL: String
    private let running = Mutex<(engine: Engine, bot: Task<Void, any Error>)?>(nil)

    /// Starts a local Telegram and the bot; use ``withStage(webhook:limits:path:rules:_:)``, which closes both.
    fileprivate init(telegram: LocalTelegram, apiURL: String, path: String, rules: URL) {
        self.telegram = telegram
        self.apiURL = apiURL
        self.path = path
        self.rules = rules
    }

    var engine: Engine { running.withLock { $0!.engine } }

    func startBot(webhook: Bool = false, limits: RateLimits? = nil) throws {
        var logger = Logger(label: "tix.bot.test")
        logger.logLevel = .critical
        let engine = try openEngine(logger: logger)
        let settings = BotSettings(
            token: telegram.token, apiURL: apiURL,
            mode: webhook ? .webhook(url: nil, port: 0, secret: "s3cret") : .polling(timeout: 5), limits: limits,
            backoff: Backoff(initial: .milliseconds(20), maximum: .milliseconds(200)))
        let bot = TelegramBot(engine: engine, settings: settings, clock: clock, logger: logger)
        running.withLock { $0 = (engine, Task { try await bot.run() }) }
    }

    private func openEngine(logger: Logger) throws -> Engine {
        try Engine(path: path, clock: clock, rules: rules, recipes: shippedRecipes, logger: logger)
    }

    /// How the running bot ended, waiting up to `timeout` for it to end by itself; throws if it runs
    /// on (the bot is left running for ``stopBot()``: awaiting a task's result cannot be cancelled).
    func botEnded(within timeout: Duration) async throws -> Result<Void, any Error> {
        let bot = try #require(running.withLock { $0?.bot })
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let watcher = Task {
            let result = await bot.result
            outcome.withLock { $0 = result }
        }
        let deadline = ContinuousClock.now + timeout
        while outcome.withLock({ $0 == nil }) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard let ended = outcome.withLock({ $0 }) else { throw StageError.stillRunning(timeout) }
        _ = await watcher.value
        return ended
    }

    /// Stops the bot and runs `body` on the engine alone: the game goes on while the bot is down.
    func whileBotIsDown(_ body: (Engine) async throws -> Void) async throws {
        await stopBot()
        var logger = Logger(label: "tix.engine.test")
        logger.logLevel = .critical
        let engine = try openEngine(logger: logger)
        defer { engine.close() }
        try await body(engine)
    }

    /// Stops the bot (what it has not sent stays in its outbox) and closes the engine.
    func stopBot() async {
        guard let (engine, bot) = running.withLock({ $0 }) else { return }
        bot.cancel()
        _ = await bot.result
        engine.close()
        running.withLock { $0 = nil }
    }


    /// Submits as the admin.
    @discardableResult
    func admin(_ command: Command) async throws -> Receipt {
        try await engine.submit(Submission(actor: Submission.admin, key: UUID().uuidString, command: command))
    }

    func tickets(_ account: String) throws -> Int64 { try engine.reader.balance(of: account, asset: "TIX") }

    /// Journal entries so far: what a refused or ignored request must not add to.
    func entries() throws -> Int { try engine.reader.journal(from: 1, limit: 1_000_000).count }
}

enum StageError: Error {
    case stillRunning(Duration)
}

/// Runs `body` with a stage, and closes the bot, the engine and the local Telegram before returning,
/// however `body` ends.
func withStage<T>(
    webhook: Bool = false, limits: RateLimits? = nil, path: String = scratchPath(), rules: URL = shippedRules,
    _ body: (Stage) async throws -> T
) async throws -> T {
    try await withLocalTelegram { telegram, url in
        let stage = Stage(telegram: telegram, apiURL: url, path: path, rules: rules)
        do {
            try stage.startBot(webhook: webhook, limits: limits)
            let result = try await body(stage)
            await stage.stopBot()
            return result
        } catch {
            await stage.stopBot()
            throw error
        }
    }
}

/// Runs `body` with a local Telegram and its URL, and stops it before returning, however `body` ends.
func withLocalTelegram<T>(_ body: (LocalTelegram, String) async throws -> T) async throws -> T {
    let telegram = LocalTelegram()
    let url = try await telegram.start()
    do {
        let result = try await body(telegram, url)
        await telegram.stop()
        return result
    } catch {
        await telegram.stop()
        throw error
    }
}

/// The `tix` executable built beside the test bundle.
var tixBinary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tix")
}

/// Starts `tix` with `arguments`, Telegram at `url` in its environment (plus `environment`), its standard
/// output discarded and its standard error sent to `stderr`.
func launchTix(_ arguments: [String], telegram url: String, environment: [String: String] = [:], stderr: Child.Stream = .null) throws -> Child {
    try #require(FileManager.default.isExecutableFile(atPath: tixBinary.path), "build tix first: swift build")
    // No dashboard: tests run side by side, and only one of them could have port 8080.
    return try Child(
        tixBinary, arguments + (arguments.first == "serve" ? ["--http", "off"] : []),
        environment: ProcessInfo.processInfo.environment.merging(
            ["TELEGRAM_BOT_TOKEN": LocalTelegram().token, "TELEGRAM_API_URL": url].merging(environment) { $1 }) { $1 },
        stdout: .null, stderr: stderr)
}

/// A Telegram user talking to the bot through the local Telegram, as a person would.
struct Player: Sendable {
    let stage: Stage
    let user: LocalUser

    init(_ stage: Stage, id: Int64, username: String?, firstName: String) {
        self.stage = stage
        user = LocalUser(id: id, username: username, firstName: firstName)
    }

    var telegram: LocalTelegram { stage.telegram }

    /// Writes in the private chat (or `chat`) and returns the bot's answer there.
    @discardableResult
    func send(_ text: String, in chat: LocalChat? = nil, replyingTo: (message: Int64, author: LocalUser)? = nil) async throws -> BotCall {
        let chat = chat ?? .privateChat(with: user)
        let mark = telegram.callCount
        telegram.say(text, from: user, in: chat, replyingTo: replyingTo)
        return try await telegram.waitForCall(after: mark) { $0.method == "sendMessage" && $0.chat == chat.id && $0.delivered }
    }

    /// What came of pressing a button: a short notice (a refusal), or the bot's message as it now reads.
    struct Pressed: Sendable {
        var notice: String?
        var message: BotCall?
    }

    /// Presses the button whose label starts with `label` under one of the bot's messages.
    func press(_ label: String, on message: BotCall) async throws -> Pressed {
        let button = try #require(message.button(label), "no button '\(label)' in \(message.buttons)")
        return try await press(data: button.data, on: message)
    }

    /// Presses a button twice before the bot answers, as an impatient thumb does; returns the notice
    /// each press was answered with (nil: none, the press did its work).
    func pressTwice(_ label: String, on message: BotCall) async throws -> [String?] {
        let button = try #require(message.button(label), "no button '\(label)' in \(message.buttons)")
        let (chat, id) = (try #require(message.chat), try #require(message.messageID))
        let mark = telegram.callCount
        let queries = [telegram.press(button.data, on: id, in: chat, by: user), telegram.press(button.data, on: id, in: chat, by: user)]
        var notices: [String?] = []
        for query in queries {
            notices.append(try await telegram.waitForCall(after: mark) { $0.method == "answerCallbackQuery" && $0.callbackQueryID == query }.text)
        }
        return notices
    }

    func press(data: String, on message: BotCall) async throws -> Pressed {
        let chat = try #require(message.chat)
        let id = try #require(message.messageID)
        let mark = telegram.callCount
        let query = telegram.press(data, on: id, in: chat, by: user)
        let answer = try await telegram.waitForCall(after: mark) { $0.method == "answerCallbackQuery" && $0.callbackQueryID == query }
        if let notice = answer.text { return Pressed(notice: notice) }
        // Callback answers go out beside the chat's messages, so the message may come first.
        let shown = try await telegram.waitForCall(after: mark) {
            ($0.method == "editMessageText" || $0.method == "sendMessage") && $0.chat == chat && $0.delivered
        }
        return Pressed(message: shown)
    }
}
