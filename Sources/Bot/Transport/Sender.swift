import Foundation
import Logging
import Metrics

/// Delivers the outbox: in order within a chat, chats side by side, within Telegram's rate limits.
///
/// A request leaves the outbox once Telegram took it, or refused it for good (logged, never silently).
/// A 429 waits the `retry_after` Telegram asks for; a network error, a 5xx or a 401 (a token being
/// replaced) backs off and tries again, though after a 5xx or a timeout Telegram may have carried it
/// out already: so a reply can arrive twice, never not at all. A chat's next request waits until the
/// previous one is cleared from the outbox, so a crash repeats at most the one request in flight in
/// each chat.
///
/// Answers to callback queries go out at once, beside the chats' queues and outside the rate limits
/// (Telegram does not count them, and drops a query not answered within about 15 seconds). They are
/// stored in the outbox like any request, so a restart still sends them; Telegram refuses an answer
/// to a query answered already, so a press is answered once.
actor Sender {
    private let api: TelegramAPI
    private let outbox: Outbox
    private let limiter: RateLimiter?
    private let backoff: Backoff
    private let logger: Logger
    private var queues: [Int64: [Outbox.Item]] = [:]
    private var workers: [Int64: Task<Void, Never>] = [:]
    /// Callback answers being sent, by outbox id.
    private var answers: [Int64: Task<Void, Never>] = [:]
    /// Delivered requests not yet cleared from the outbox, each with its waiting sender, and the task
    /// clearing them.
    private var delivered: [(id: Int64, cleared: CheckedContinuation<Void, Never>)] = []
    private var clearing: Task<Void, Never>?
    private let origin = ContinuousClock.now
    /// Requests enqueued and not yet delivered or dropped: `tix_bot_outbox_length`.
    private var undelivered = 0
    private let outboxLength = Gauge(label: "tix_bot_outbox_length")

    init(api: TelegramAPI, outbox: Outbox, limits: RateLimits?, backoff: Backoff, logger: Logger) {
        self.api = api
        self.outbox = outbox
        limiter = limits.map(RateLimiter.init)
        self.backoff = backoff
        self.logger = logger
    }

    /// Queues stored requests; each chat's worker sends them in order, callback answers go at once.
    func enqueue(_ items: [Outbox.Item]) {
        undelivered += items.count
        outboxLength.record(undelivered)
        for item in items {
            if item.method == Method.answerCallbackQuery.rawValue {
                answers[item.id] = Task { await answer(item) }
                continue
            }
            queues[item.chat, default: []].append(item)
            if workers[item.chat] == nil {
                workers[item.chat] = Task { await drain(item.chat) }
            }
        }
    }

    /// Stops sending; what is not delivered stays in the outbox for the next start.
    func stop() async {
        let running = Array(workers.values) + Array(answers.values)
        running.forEach { $0.cancel() }
        for task in running { await task.value }
        await clearing?.value
    }

    private func drain(_ chat: Int64) async {
        while !Task.isCancelled, var queue = queues[chat], !queue.isEmpty {
            let item = queue.removeFirst()
            queues[chat] = queue
            guard await deliver(item) else { return }
        }
        queues[chat] = nil
        workers[chat] = nil
    }

    private func answer(_ item: Outbox.Item) async {
        _ = await deliver(item)
        answers[item.id] = nil
    }

    /// Sends one request until Telegram takes or refuses it and the outbox forgot it; false if stopped first.
    private func deliver(_ item: Outbox.Item) async -> Bool {
        var request = item
        var failures = 0
        while !Task.isCancelled {
            if let limiter, request.method != Method.answerCallbackQuery.rawValue {
                let wait = limiter.reserve(chat: request.chat, now: (ContinuousClock.now - origin).nanoseconds)
                if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
            }
            // A request sent is seen through even when stopping (its own task does not inherit the
            // cancellation) and settled by its answer: aborted half-way, it might have been carried
            // out without the bot knowing, and the next start would send it again.
            let (api, method, body) = (api, request.method, Data(request.body.utf8))
            let result = await Task { await api.send(method, body: body) }.value
            if case .failure(let error) = result { Self.count(error) }
            switch result {
            case .success:
                return await forget(item)
            case .failure(.retryAfter(let wait)):
                logger.notice("Telegram asks to slow down", metadata: ["chat": "\(request.chat)", "wait": "\(wait)"])
                try? await Task.sleep(for: wait)
            case .failure(.transient(let reason)), .failure(.refused(code: 401, let reason)):
                failures += 1
                logger.warning("sending failed; retrying", metadata: ["chat": "\(request.chat)", "reason": "\(reason)"])
                try? await Task.sleep(for: backoff.delay(afterFailures: failures))
            case .failure(.refused(_, let description)) where request.method == Method.editMessageText.rawValue:
                // An unchanged message is delivered; one that can no longer be edited is sent anew.
                if description.contains("message is not modified") { return await forget(item) }
                guard let replacement = try? Self.asNewMessage(request) else { return await forget(item) }
                request = replacement
            case .failure(.refused(let code, let description)):
                logger.error(
                    "Telegram refused a reply; dropped",
                    metadata: ["chat": "\(request.chat)", "code": "\(code)", "reason": "\(description)", "request": "\(request.body)"])
                return await forget(item)
            }
        }
        return false
    }

    /// Clears a delivered request from the outbox and returns once it is cleared. Requests delivered
    /// while a clearing runs are cleared together by the next one: under load, one write clears many.
    private func forget(_ item: Outbox.Item) async -> Bool {
        undelivered -= 1
        outboxLength.record(undelivered)
        await withCheckedContinuation { cleared in
            delivered.append((item.id, cleared))
            if clearing == nil { clearing = Task { await clear() } }
        }
        return true
    }

    private func clear() async {
        while !delivered.isEmpty {
            let batch = delivered
            delivered.removeAll()
            await Self.remove(batch.map(\.id), outbox, logger)
            batch.forEach { $0.cleared.resume() }
        }
        clearing = nil
    }

    /// The write itself, off the actor, so deliveries go on meanwhile.
    /// `tix_telegram_errors_total{kind}`: slow-downs, transient failures (network, 5xx, 401), refusals.
    private static func count(_ failure: APIFailure) {
        let kind = switch failure {
        case .retryAfter: "retry_after"
        case .transient: "transient"
        case .refused: "refused"
        }
        Counter(label: "tix_telegram_errors_total", dimensions: [("kind", kind)]).increment()
    }

    private nonisolated static func remove(_ ids: [Int64], _ outbox: Outbox, _ logger: Logger) async {
        do {
            try outbox.remove(ids)
        } catch {
            logger.warning("could not clear delivered replies; they may be sent again", metadata: ["error": "\(error)"])
        }
    }

    /// An edit turned into a new message with the same text and buttons.
    private static func asNewMessage(_ item: Outbox.Item) throws -> Outbox.Item {
        let edit = try JSON.decode(EditMessageText.self, from: Data(item.body.utf8))
        let message = SendMessage(chatId: edit.chatId, text: edit.text, replyMarkup: edit.replyMarkup)
        return Outbox.Item(
            id: item.id, chat: item.chat, method: Method.sendMessage.rawValue,
            body: String(decoding: try JSON.encode(message), as: UTF8.self))
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
