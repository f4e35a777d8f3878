import Foundation
import Logging

/// Delivers the outbox: in order within a chat, chats side by side, within Telegram's rate limits.
///
/// A request leaves the outbox once Telegram took it, or refused it for good (logged, never silently).
/// A 429 waits the `retry_after` Telegram asks for; a network error or a 5xx backs off and tries again,
/// though Telegram may have carried it out already: so a reply can arrive twice, never not at all.
actor Sender {
    private let api: TelegramAPI
    private let outbox: Outbox
    private let limiter: RateLimiter?
    private let backoff: Backoff
    private let logger: Logger
    private var queues: [Int64: [Outbox.Item]] = [:]
    private var workers: [Int64: Task<Void, Never>] = [:]
    /// Delivered requests not yet cleared from the outbox, and the task clearing them.
    private var delivered: [Int64] = []
    private var clearing: Task<Void, Never>?
    private let origin = ContinuousClock.now

    init(api: TelegramAPI, outbox: Outbox, limits: RateLimits?, backoff: Backoff, logger: Logger) {
        self.api = api
        self.outbox = outbox
        limiter = limits.map(RateLimiter.init)
        self.backoff = backoff
        self.logger = logger
    }

    /// Queues stored requests; each chat's worker sends them in order.
    func enqueue(_ items: [Outbox.Item]) {
        for item in items {
            queues[item.chat, default: []].append(item)
            if workers[item.chat] == nil {
                workers[item.chat] = Task { await drain(item.chat) }
            }
        }
    }

    /// Stops sending; what is not delivered stays in the outbox for the next start.
    func stop() async {
        let running = Array(workers.values)
        running.forEach { $0.cancel() }
        for worker in running { await worker.value }
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

    /// Sends one request until Telegram takes or refuses it; false if stopped first.
    private func deliver(_ item: Outbox.Item) async -> Bool {
        var request = item
        var failures = 0
        while !Task.isCancelled {
            if let limiter, request.method != Method.answerCallbackQuery.rawValue {
                let wait = limiter.reserve(chat: request.chat, now: (ContinuousClock.now - origin).nanoseconds)
                if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
            }
            // A request Telegram answered is settled even when stopping, or the next start would send
            // a delivered reply again; one cut short by the stop stays in the outbox (the loop ends).
            let result = await api.send(request.method, body: Data(request.body.utf8))
            switch result {
            case .success:
                return forget(item)
            case .failure(.retryAfter(let wait)):
                logger.notice("Telegram asks to slow down", metadata: ["chat": "\(request.chat)", "wait": "\(wait)"])
                try? await Task.sleep(for: wait)
            case .failure(.transient(let reason)):
                failures += 1
                logger.warning("sending failed; retrying", metadata: ["chat": "\(request.chat)", "reason": "\(reason)"])
                try? await Task.sleep(for: backoff.delay(afterFailures: failures))
            case .failure(.refused(_, let description)) where request.method == Method.editMessageText.rawValue:
                // An unchanged message is delivered; one that can no longer be edited is sent anew.
                if description.contains("message is not modified") { return forget(item) }
                guard let replacement = try? Self.asNewMessage(request) else { return forget(item) }
                request = replacement
            case .failure(.refused(let code, let description)):
                logger.error(
                    "Telegram refused a reply; dropped",
                    metadata: ["chat": "\(request.chat)", "code": "\(code)", "reason": "\(description)", "request": "\(request.body)"])
                return forget(item)
            }
        }
        return false
    }

    /// Clears a delivered request from the outbox. Requests delivered while a clearing runs are
    /// cleared together by the next one: under load, one write clears many.
    private func forget(_ item: Outbox.Item) -> Bool {
        delivered.append(item.id)
        if clearing == nil { clearing = Task { await clear() } }
        return true
    }

    private func clear() async {
        while !delivered.isEmpty {
            let ids = delivered
            delivered.removeAll()
            await Self.remove(ids, outbox, logger)
        }
        clearing = nil
    }

    /// The write itself, off the actor, so deliveries go on meanwhile.
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
