import Foundation
import Hummingbird
import Logging
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A stand-in for the Telegram Bot API on 127.0.0.1, speaking its wire format: updates with messages
/// and callback queries, long polling with offsets that confirm, webhooks with the secret-token
/// header, message ids per chat, edits, callback answers, and `ok`/`result`/`error_code`/
/// `parameters.retry_after` answers. Tests and `tix bench bot` drive users through it and read what
/// the bot sent; faults can be injected per method.
public final class LocalTelegram: Sendable {
    public static let botUser = LocalUser(id: 1_000_000, username: "tixbot", firstName: "Tix")

    public let token: String
    private let state = Mutex(State())
    private let server = Mutex<Task<Void, any Error>?>(nil)

    struct State {
        var nextUpdate: Int64 = 1
        /// Updates not confirmed yet, in order.
        var queue: [(id: Int64, body: String)] = []
        var lastMessage: [Int64: Int64] = [:]
        var messages: [Int64: [Int64: Shown]] = [:]
        /// Chats whose users have written to the bot: it may only write to those.
        var knownChats: Set<Int64> = []
        var openQueries: Set<String> = []
        var calls: [BotCall] = []
        var delivered = 0
        var faults: [String: [Fault]] = [:]
        var webhook: (url: String, secret: String)?
        var webhookTask: Task<Void, Never>?
        var commands: [String] = []
        var waiters: [UUID: Waiter] = [:]
        /// Counts changes, so a waiter never misses one that happened just before it waited.
        var version = 0
    }

    /// Someone waiting for a change, and the timer that gives up at their deadline.
    struct Waiter {
        var wake: CheckedContinuation<Void, Never>
        var timer: Task<Void, Never>?
    }

    struct Shown: Equatable {
        var text: String
        var buttons: [[BotCall.Button]]
    }

    public init(token: String = "local-token") { self.token = token }

    // MARK: Serving

    /// Starts listening on a free port of 127.0.0.1 and returns the API's base URL.
    public func start() async throws -> String {
        let router = Router()
        router.post("**") { request, _ in try await self.serve(request) }
        let port = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "tix.local-telegram")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                port.continuation.yield(channel.localAddress?.port ?? 0)
                port.continuation.finish()
            }, logger: logger)
        server.withLock { $0 = Task { try await app.run() } }
        guard let bound = await port.stream.first(where: { _ in true }) else { throw LocalTelegramError.notStarted }
        return "http://127.0.0.1:\(bound)"
    }

    public func stop() async {
        let running = server.withLock { $0 }
        state.withLock { $0.webhookTask?.cancel() }
        running?.cancel()
        _ = await running?.result
    }

    private func serve(_ request: Request) async throws -> Response {
        let parts = request.uri.path.split(separator: "/")
        guard parts.count == 2, parts[0].hasPrefix("bot") else { return Self.response(404, Self.error(404, "Not Found")) }
        guard parts[0].dropFirst(3) == token else { return Self.response(401, Self.error(401, "Unauthorized")) }
        let body = try await request.body.collect(upTo: 1 << 22)
        let parameters = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        let (status, answer) = await call(String(parts[1]), parameters)
        return Self.response(status, answer)
    }

    private static func response(_ status: Int, _ body: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    // MARK: The Bot API

    private func call(_ method: String, _ parameters: [String: Any]) async -> (Int, String) {
        let fault = state.withLock { state in state.faults[method]?.isEmpty == false ? state.faults[method]!.removeFirst() : nil }
        if fault == nil, method == "getUpdates" { return await getUpdates(parameters) }
        let answer: Answer
        switch fault {
        case .tooManyRequests(let wait):
            answer = Answer(
                status: 429,
                body: Self.json(["ok": false, "error_code": 429, "description": "Too Many Requests: retry after \(wait)",
                                 "parameters": ["retry_after": wait]]))
        case .badGateway:
            answer = Answer(status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>")
        case .serverErrorAfterDoing:
            let done: Answer? = method == "getUpdates" ? nil : perform(method, parameters)
            if done == nil { _ = await getUpdates(parameters) }
            answer = Answer(failure: 500, "Internal Server Error", sent: done?.sent)
        case nil:
            answer = perform(method, parameters)
        }
        record(method, parameters, status: answer.status, message: answer.sent)
        return (answer.status, answer.body)
    }

    /// An answer of the API, and the id of the message it sent, if any.
    private struct Answer {
        var status: Int
        var body: String
        var sent: Int64?

        init(status: Int, body: String) {
            self.status = status
            self.body = body
        }

        init(_ result: Any, sent: Int64? = nil) {
            self.init(status: 200, body: LocalTelegram.json(["ok": true, "result": result]))
            self.sent = sent
        }

        init(failure code: Int, _ description: String, sent: Int64? = nil) {
            self.init(status: code, body: LocalTelegram.json(["ok": false, "error_code": code, "description": description]))
            self.sent = sent
        }
    }

    private func perform(_ method: String, _ parameters: [String: Any]) -> Answer {
        let chat = (parameters["chat_id"] as? NSNumber)?.int64Value
        let text = parameters["text"] as? String
        return state.withLock { state in
            switch method {
            case "getMe":
                return Answer(Self.botUser.json.merging(["is_bot": true]) { $1 })
            case "setMyCommands":
                state.commands = ((parameters["commands"] as? [[String: Any]]) ?? []).compactMap { $0["command"] as? String }
                return Answer(true)
            case "setWebhook":
                guard let url = parameters["url"] as? String else { return Answer(failure: 400, "Bad Request: bad webhook: URL is empty") }
                state.webhook = (url, parameters["secret_token"] as? String ?? "")
                state.webhookTask?.cancel()
                state.webhookTask = Task { await self.pushUpdates() }
                return Answer(true)
            case "deleteWebhook":
                state.webhook = nil
                state.webhookTask?.cancel()
                return Answer(true)
            case "sendMessage":
                guard let chat else { return Answer(failure: 400, "Bad Request: chat_id is empty") }
                guard let text, !text.isEmpty else { return Answer(failure: 400, "Bad Request: message text is empty") }
                guard state.knownChats.contains(chat) else {
                    return Answer(failure: 403, "Forbidden: bot can't initiate conversation with a user")
                }
                let id = state.lastMessage[chat, default: 0] + 1
                state.lastMessage[chat] = id
                state.messages[chat, default: [:]][id] = Shown(text: text, buttons: Self.buttons(parameters))
                return Answer(Self.message(id, chat: chat, text: text), sent: id)
            case "editMessageText":
                guard let chat, let id = (parameters["message_id"] as? NSNumber)?.int64Value, let text,
                    let shown = state.messages[chat]?[id]
                else { return Answer(failure: 400, "Bad Request: message to edit not found") }
                let edited = Shown(text: text, buttons: Self.buttons(parameters))
                guard edited != shown else {
                    return Answer(
                        failure: 400,
                        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
                }
                state.messages[chat]![id] = edited
                return Answer(Self.message(id, chat: chat, text: text))
            case "answerCallbackQuery":
                guard let id = parameters["callback_query_id"] as? String, state.openQueries.remove(id) != nil else {
                    return Answer(failure: 400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
                }
                return Answer(true)
            default:
                return Answer(failure: 404, "Not Found: method not found")
            }
        }
    }

    /// Confirms what lies below `offset`, then answers at once if updates wait, else holds the request
    /// up to `timeout` seconds for the first to arrive.
    private func getUpdates(_ parameters: [String: Any]) async -> (Int, String) {
        let offset = (parameters["offset"] as? NSNumber)?.int64Value ?? 0
        let limit = min(100, max(1, (parameters["limit"] as? NSNumber)?.intValue ?? 100))
        let deadline = ContinuousClock.now + .seconds((parameters["timeout"] as? NSNumber)?.intValue ?? 0)
        while true {
            let (answer, version): ((Int, String)?, Int) = state.withLock { state in
                if state.webhook != nil {
                    return ((409, Self.error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")), state.version)
                }
                state.queue.removeAll { $0.id < offset }
                guard !state.queue.isEmpty || ContinuousClock.now >= deadline else { return (nil, state.version) }
                return ((200, "{\"ok\":true,\"result\":[" + state.queue.prefix(limit).map(\.body).joined(separator: ",") + "]}"), state.version)
            }
            if let answer {
                record("getUpdates", parameters, status: answer.0)
                return answer
            }
            await changed(since: version, before: deadline)
        }
    }

    /// Webhook mode: POSTs each update in order with the secret token, until the bot answers 200.
    private func pushUpdates() async {
        while !Task.isCancelled {
            let (next, version) = state.withLock { state in
                (state.webhook.flatMap { hook in state.queue.first.map { (hook.url, hook.secret, $0) } }, state.version)
            }
            guard let (url, secret, update) = next else {
                await changed(since: version, before: .now + .seconds(1))
                continue
            }
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = "POST"
            request.httpBody = Data(update.body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue(secret, forHTTPHeaderField: "X-Telegram-Bot-Api-Secret-Token")
            let status = (try? await URLSession.shared.data(for: request).1 as? HTTPURLResponse)?.statusCode
            if status == 200 {
                state.withLock { $0.queue.removeAll { $0.id == update.id } }
            } else {
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    // MARK: Users

    /// What a user's message became: its update and its id in the chat.
    public struct Sent: Sendable, Hashable {
        public var update: Int64
        public var message: Int64
    }

    /// A user writes `text` in a chat (their private chat by default), maybe replying to a message.
    @discardableResult
    public func say(_ text: String, from user: LocalUser, in chat: LocalChat? = nil, replyingTo: (message: Int64, author: LocalUser)? = nil) -> Sent {
        let chat = chat ?? .privateChat(with: user)
        return state.withLock { state in
            let id = state.lastMessage[chat.id, default: 0] + 1
            state.lastMessage[chat.id] = id
            state.knownChats.insert(chat.id)
            var message: [String: Any] = ["message_id": id, "from": user.json, "chat": chat.json, "date": Self.now, "text": text]
            if let replyingTo {
                message["reply_to_message"] = [
                    "message_id": replyingTo.message, "from": replyingTo.author.json, "chat": chat.json, "date": Self.now,
                ]
            }
            return Sent(update: Self.enqueue(["message": message], in: &state), message: id)
        }
    }

    /// A user presses the button with `data` under a message of the bot's; returns the callback query id.
    @discardableResult
    public func press(_ data: String, on message: Int64, in chat: Int64, by user: LocalUser) -> String {
        state.withLock { state in
            let query = "q\(state.nextUpdate)"
            state.openQueries.insert(query)
            let shown = state.messages[chat]?[message]
            _ = Self.enqueue(
                [
                    "callback_query": [
                        "id": query, "from": user.json, "chat_instance": "c\(chat)", "data": data,
                        "message": Self.message(message, chat: chat, text: shown?.text ?? ""),
                    ] as [String: Any]
                ], in: &state)
            return query
        }
    }

    /// Queues an update body as given (`make` receives the update id): for malformed updates.
    @discardableResult
    public func deliverRaw(_ make: (Int64) -> String) -> Int64 {
        state.withLock { state in
            let id = state.nextUpdate
            state.nextUpdate += 1
            state.queue.append((id, make(id)))
            Self.wakeAll(&state)
            return id
        }
    }

    // MARK: Faults

    /// The next `count` calls of `method` fail with `fault`.
    public func inject(_ fault: Fault, into method: String, count: Int = 1) {
        state.withLock { $0.faults[method, default: []] += Array(repeating: fault, count: count) }
    }

    /// Faults not used yet are forgotten: the API works again.
    public func heal() {
        state.withLock { $0.faults.removeAll() }
    }

    // MARK: What the bot did

    public var calls: [BotCall] { state.withLock { $0.calls } }
    /// Messages the bot sent that Telegram took (a cheap count for benchmarks).
    public var sentMessages: Int { state.withLock { $0.delivered } }
    public var callCount: Int { state.withLock { $0.calls.count } }
    public var commands: [String] { state.withLock { $0.commands } }
    /// Where updates are POSTed, once the bot set a webhook.
    public var webhookURL: String? { state.withLock { $0.webhook?.url } }
    /// Updates not confirmed by the bot yet.
    public var unconfirmed: Int { state.withLock { $0.queue.count } }

    /// Waits for the first call after position `index` that matches; throws at the deadline.
    public func waitForCall(
        after index: Int, timeout: Duration = .seconds(30), where match: @Sendable (BotCall) -> Bool = { _ in true }
    ) async throws -> BotCall {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (found, version) = state.withLock { ($0.calls.dropFirst(index).first(where: match), $0.version) }
            if let found { return found }
            guard ContinuousClock.now < deadline else { throw LocalTelegramError.timedOut(lastCalls: lastCalls) }
            await changed(since: version, before: deadline)
        }
    }

    /// Waits until `condition` (which may read this simulator) holds; throws at the deadline.
    public func waitUntil(timeout: Duration = .seconds(60), _ condition: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let version = state.withLock { $0.version }
            if condition() { return }
            guard ContinuousClock.now < deadline else { throw LocalTelegramError.timedOut(lastCalls: lastCalls) }
            await changed(since: version, before: deadline)
        }
    }

    // MARK: Plumbing

    /// The latest calls in short, to say what the bot did last when it did not do what was expected.
    private var lastCalls: String {
        calls.suffix(8).map { "#\($0.index) \($0.method) \($0.chat.map(String.init) ?? "") \($0.status): \($0.text ?? "")" }
            .joined(separator: " | ")
    }

    private func record(_ method: String, _ parameters: [String: Any], status: Int, message: Int64? = nil) {
        let number = { (key: String) in (parameters[key] as? NSNumber)?.int64Value }
        state.withLock { state in
            state.calls.append(BotCall(
                index: state.calls.count, method: method, chat: number("chat_id"), messageID: message ?? number("message_id"),
                text: parameters["text"] as? String, buttons: Self.buttons(parameters),
                quoting: ((parameters["reply_parameters"] as? [String: Any])?["message_id"] as? NSNumber)?.int64Value,
                callbackQueryID: parameters["callback_query_id"] as? String, status: status, at: .now))
            if method == "sendMessage" && status == 200 { state.delivered += 1 }
            Self.wakeAll(&state)
        }
    }

    /// Suspends until something changes after `version` (an update queued, a call recorded) or
    /// `deadline` passes.
    private func changed(since version: Int, before deadline: ContinuousClock.Instant) async {
        let id = UUID()
        await withCheckedContinuation { (wake: CheckedContinuation<Void, Never>) in
            let waiting = state.withLock { state in
                guard state.version == version else { return false }
                state.waiters[id] = Waiter(wake: wake)
                return true
            }
            guard waiting else { return wake.resume() }
            let timer = Task {
                try? await Task.sleep(until: deadline)
                state.withLock { $0.waiters.removeValue(forKey: id) }?.wake.resume()
            }
            let woken = state.withLock { state in
                state.waiters[id]?.timer = timer
                return state.waiters[id] == nil
            }
            if woken { timer.cancel() }
        }
    }

    private static func wakeAll(_ state: inout State) {
        state.version += 1
        for waiter in state.waiters.values {
            waiter.timer?.cancel()
            waiter.wake.resume()
        }
        state.waiters.removeAll()
    }

    private static func enqueue(_ content: [String: Any], in state: inout State) -> Int64 {
        let id = state.nextUpdate
        state.nextUpdate += 1
        state.queue.append((id, json(content.merging(["update_id": id]) { $1 })))
        wakeAll(&state)
        return id
    }

    private static func buttons(_ parameters: [String: Any]) -> [[BotCall.Button]] {
        let rows = (parameters["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]] ?? []
        return rows.map { $0.map { BotCall.Button(label: $0["text"] as? String ?? "", data: $0["callback_data"] as? String ?? "") } }
    }

    private static func message(_ id: Int64, chat: Int64, text: String) -> [String: Any] {
        ["message_id": id, "from": botUser.json.merging(["is_bot": true]) { $1 }, "chat": LocalChat(id: chat).json, "date": now, "text": text]
    }

    private static var now: Int { Int(Date().timeIntervalSince1970) }

    private static func error(_ code: Int, _ description: String) -> String {
        json(["ok": false, "error_code": code, "description": description])
    }

    private static func json(_ object: Any) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }
}

public enum LocalTelegramError: Error, CustomStringConvertible {
    case notStarted
    case timedOut(lastCalls: String)

    public var description: String {
        switch self {
        case .notStarted: "the local Telegram server did not start"
        case .timedOut(let calls): "timed out waiting for the bot; its last calls: \(calls)"
        }
    }
}
