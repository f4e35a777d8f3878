import Bot
import Engine
import Foundation
import LocalTelegram
import Logging
import Synchronization
import Testing

/// The economy's rules as shipped.
let shippedRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("rules", isDirectory: true)

/// The recipes as shipped.
let shippedRecipes = shippedRules.deletingLastPathComponent().appendingPathComponent("recipes", isDirectory: true)

/// A fresh database file per test: Swift Testing runs tests in parallel.
func scratchPath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tix-bot-tests-\(UUID())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ledger.sqlite").path
}

/// One test's world: a scratch engine on the shipped rules, a local Telegram on its own port, and the
/// bot between them, which can be stopped and started again on the same database.
final class Stage: Sendable {
    let telegram = LocalTelegram()
    let path = scratchPath()
    let clock = ManualClock()
    let apiURL: String
    private let running = Mutex<(engine: Engine, bot: Task<Void, any Error>)?>(nil)

    init(webhook: Bool = false, limits: RateLimits? = nil) async throws {
        apiURL = try await telegram.start()
        try startBot(webhook: webhook, limits: limits)
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
        try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes, logger: logger)
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

    func close() async {
        await stopBot()
        await telegram.stop()
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
        let shown = try await telegram.waitForCall(after: answer.index) {
            ($0.method == "editMessageText" || $0.method == "sendMessage") && $0.chat == chat && $0.delivered
        }
        return Pressed(message: shown)
    }
}
