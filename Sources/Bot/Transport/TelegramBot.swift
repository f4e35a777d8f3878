import Engine
import Foundation
import Logging

/// The Telegram front end: the conversation over the Bot API, by long polling or webhook.
///
/// Every update is handled with `tg-update-<update_id>` as its idempotency key. When polling, a
/// batch's replies and the next offset are stored in one transaction after the engine committed its
/// effects, and Telegram learns the batch is confirmed only from the next `getUpdates`: so across
/// restarts no update is lost and none applies twice.
public final class TelegramBot: Sendable {
    private let engine: Engine
    private let settings: BotSettings
    private let clock: any EngineClock
    private let logger: Logger
    private let api: TelegramAPI

    public init(engine: Engine, settings: BotSettings, clock: any EngineClock = SystemClock(), logger: Logger = Logger(label: "tix.bot")) {
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.logger = logger
        api = TelegramAPI(apiURL: settings.apiURL, token: settings.token)
    }

    /// Runs until the task is cancelled. Throws if the webhook settings are wrong, if Telegram refuses
    /// the token (at start, or ``unauthorizedLimit`` times in a row while polling) or the webhook, or
    /// if the database or the webhook's port cannot be opened.
    public func run() async throws {
        try settings.validate()
        let database = try BotDatabase(path: engine.path)
        defer { try? database.close() }
        guard let me = try await introduce() else { return }
        let conversation = Conversation(engine: engine, database: database, botName: me.username ?? "", clock: clock)
        try await retrying("setMyCommands") {
            try await self.api.call(
                .setMyCommands, SetMyCommands(commands: conversation.commandList.map { .init(command: $0.name, description: $0.summary) }))
        }
        let outbox = Outbox(database: database)
        let sender = Sender(api: api, outbox: outbox, limits: settings.limits, backoff: settings.backoff, logger: logger)
        await sender.enqueue(try outbox.pending())
        let handler = UpdateHandler(conversation: conversation, clock: clock, logger: logger) { [api] in try await api.download(fileID: $0) }
        let notifier = Task { await ReadyNotifier(conversation: conversation, outbox: outbox, sender: sender, logger: logger).run() }
        let parliament = Task {
            await ParliamentNotifier(conversation: conversation, outbox: outbox, sender: sender, logger: logger).run()
        }
        logger.info("bot running", metadata: ["bot": "@\(me.username ?? "?")", "api": "\(settings.apiURL)"])
        let ended: Result<Void, any Error>
        do {
            switch settings.mode {
            case .polling(let timeout):
                try await retrying("deleteWebhook", essential: true) { try await self.api.call(.deleteWebhook, DeleteWebhook()) }
                try await poll(timeout: timeout, handler, outbox, sender)
            case .webhook(let url, let port, let secret):
                let server = WebhookServer(handler: handler, outbox: outbox, sender: sender, secret: secret, logger: logger)
                try await server.run(port: port, local: url == nil) { bound in
                    let address = url ?? "http://127.0.0.1:\(bound)\(BotSettings.webhookPath)"
                    try await self.retrying("setWebhook", essential: true) {
                        try await self.api.call(.setWebhook, SetWebhook(url: address, secretToken: secret))
                    }
                }
            }
            ended = .success(())
        } catch {
            ended = .failure(error)
        }
        notifier.cancel()
        parliament.cancel()
        await notifier.value
        await parliament.value
        await sender.stop()
        try ended.get()
    }

    /// Who the bot is (`getMe`), waiting out network trouble; a refused token ends the run. Nil if the
    /// bot is stopped first.
    private func introduce() async throws -> User? {
        var failures = 0
        while !Task.isCancelled {
            do {
                return try await api.call(.getMe, [String: String](), as: User.self)
            } catch is CancellationError {
                return nil
            } catch APIFailure.refused(let code, let description) {
                throw BotError.tokenRefused("\(code) \(description)")
            } catch let error as APIFailure {
                failures += 1
                logger.warning("Telegram unreachable; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: settings.backoff.delay(afterFailures: failures))
            }
        }
        return nil
    }

    /// `getUpdates` refused as unauthorized this many times in a row stops the bot: the token was
    /// revoked or replaced. One 401 alone is waited out, in case it was a hiccup of Telegram's.
    static let unauthorizedLimit = 3

    /// Long polling: fetch, handle, store replies and offset together, then let the sender deliver.
    /// Throws ``BotError/tokenRefused(_:)`` when Telegram keeps refusing the token.
    private func poll(timeout: Int, _ handler: UpdateHandler, _ outbox: Outbox, _ sender: Sender) async throws {
        var offset: Int64?
        var failures = 0
        var unauthorized = 0
        while !Task.isCancelled {
            do {
                let next = try offset ?? outbox.offset()
                offset = next
                let fetched = try await api.call(
                    .getUpdates, GetUpdates(offset: next, timeout: timeout), as: [Failable<ReceivedUpdate>].self,
                    timeout: .seconds(timeout + 10))
                unauthorized = 0
                let updates = fetched.compactMap(\.value)
                guard let last = updates.map(\.id).max() else {
                    if !fetched.isEmpty { throw BotError.unreadableUpdates }
                    failures = 0
                    continue
                }
                await sender.enqueue(try outbox.commit(try await handler.handle(updates), offset: last + 1))
                handler.confirmed(updates)
                offset = last + 1
                failures = 0
            } catch is CancellationError {
                return
            } catch APIFailure.retryAfter(let wait) {
                logger.notice("Telegram asks to slow down polling", metadata: ["wait": "\(wait)"])
                try? await Task.sleep(for: wait)
            } catch APIFailure.refused(code: 401, let description) {
                unauthorized += 1
                guard unauthorized < Self.unauthorizedLimit else {
                    throw BotError.tokenRefused("401 \(description), \(unauthorized) times in a row while polling")
                }
                logger.warning("Telegram refused the token; retrying", metadata: ["error": "401 \(description)"])
                try? await Task.sleep(for: settings.backoff.delay(afterFailures: unauthorized))
            } catch {
                failures += 1
                logger.warning("polling failed; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: settings.backoff.delay(afterFailures: failures))
            }
        }
    }

    /// Calls until it works, Telegram refuses it, or the bot stops. A refusal of an `essential` call,
    /// without which the bot would hear nothing, stops the bot; any other is logged and passed over.
    private func retrying(_ what: String, essential: Bool = false, _ call: @Sendable () async throws -> some Any) async throws {
        var failures = 0
        while !Task.isCancelled {
            do {
                _ = try await call()
                return
            } catch let failure as APIFailure {
                if case .refused = failure {
                    if essential { throw BotError.refused(method: what, reason: "\(failure)") }
                    logger.error("Telegram refused \(what)", metadata: ["error": "\(failure)"])
                    return
                }
                failures += 1
                logger.warning("\(what) failed; retrying", metadata: ["error": "\(failure)"])
                try? await Task.sleep(for: settings.backoff.delay(afterFailures: failures))
            } catch is CancellationError {
                return
            } catch {
                logger.error("\(what) failed", metadata: ["error": "\(error)"])
                return
            }
        }
    }
}

/// Why the bot cannot run, in the operator's words.
public enum BotError: Error, CustomStringConvertible {
    case tokenRefused(String)
    case unreadableUpdates
    /// Webhook settings Telegram would refuse, or that would leave the bot deaf.
    case badWebhook(String)
    /// Telegram refused a call the bot cannot hear updates without (`setWebhook`, `deleteWebhook`).
    case refused(method: String, reason: String)

    public var description: String {
        switch self {
        case .tokenRefused(let reason): "Telegram refused the bot token (\(reason)): check TELEGRAM_BOT_TOKEN."
        case .unreadableUpdates: "Telegram sent updates without readable ids."
        case .badWebhook(let reason): "Bad webhook settings: \(reason)."
        case .refused(let method, let reason): "Telegram refused \(method) (\(reason)), so the bot would hear nothing."
        }
    }
}
