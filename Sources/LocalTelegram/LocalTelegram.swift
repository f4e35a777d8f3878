import Foundation
import Hummingbird
import Logging
import Synchronization

/// A stand-in for the Telegram Bot API on 127.0.0.1, speaking its wire format: updates with messages
/// and callback queries, long polling with offsets that confirm, webhooks with the secret-token
/// header, message ids per chat, edits, callback answers, files users send (`getFile` and the
/// download), and `ok`/`result`/`error_code`/`parameters.retry_after` answers. Tests and `tix-dev bench bot` drive users through it and read what
/// the bot sent; faults can be injected per method.
public final class LocalTelegram: Sendable {
    public static let botUser = LocalUser(id: 1_000_000, username: "tixbot", firstName: "Tix")

    public let token: String
    let state = Mutex(State())
    private let server = Mutex<Task<Void, any Error>?>(nil)

    struct State {
        var nextUpdate: Int64 = 1
        /// Updates not confirmed yet, in order.
        var queue: [(id: Int64, body: String)] = []
        var lastMessage: [Int64: Int64] = [:]
        var messages: [Int64: [Int64: Shown]] = [:]
        /// Chats whose users have written to the bot: it may only write to those.
        var knownChats: Set<Int64> = []
        /// Callback queries not answered yet, and when they were asked.
        var openQueries: [String: ContinuousClock.Instant] = [:]
        var calls: [BotCall] = []
        var delivered = 0
        var faults: [String: [Fault]] = [:]
        var webhook: (url: String, secret: String)?
        /// The tasks that push updates to the webhook: the last one, unless cancelled, is at work.
        var pushers: [Task<Void, Never>] = []
        var commands: [String] = []
        /// Files users sent, by `file_id`: their `file_path` and bytes, for `getFile` and the download.
        var files: [String: (path: String, content: Data)] = [:]
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

    /// Telegram's limits on a message's text and a callback answer's notice, in UTF-16 code units.
    public static let maxText = 4096
    public static let maxNotice = 200
    /// How long a callback query can be answered: Telegram stops waiting after about 15 seconds.
    public static let callbackQueryLifetime: Duration = .seconds(15)

    public init(token: String = "local-token") { self.token = token }

    // MARK: Serving

    /// Starts listening on a free port of 127.0.0.1 and returns the API's base URL.
    public func start() async throws -> String {
        let router = Router()
        router.post("**") { request, _ in try await self.serve(request) }
        router.get("**") { request, _ in self.serveFile(request) }
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

    /// Stops serving and pushing updates, and returns once both have ended.
    public func stop() async {
        let running = server.withLock { $0 }
        let pushers = state.withLock { state in
            state.pushers.forEach { $0.cancel() }
            return state.pushers
        }
        running?.cancel()
        _ = await running?.result
        for pusher in pushers { await pusher.value }
    }

    func serve(_ request: Request) async throws -> Response {
        let parts = request.uri.path.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2].hasPrefix("bot") else { return Self.response(404, Self.error(404, "Not Found")) }
        guard parts[parts.count - 2].dropFirst(3) == token else { return Self.response(401, Self.error(401, "Unauthorized")) }
        let route = parts.dropLast(2).joined(separator: "/")
        let body = try await request.body.collect(upTo: 1 << 22)
        let parameters = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        let (status, answer) = await call(String(parts[parts.count - 1]), parameters, via: route)
        return Self.response(status, answer)
    }

    /// `GET /file/bot<token>/<file_path>`: a file a user sent, as `getFile` named it.
    func serveFile(_ request: Request) -> Response {
        let prefix = "/file/bot\(token)/"
        let path = request.uri.path
        guard path.hasPrefix(prefix), let file = state.withLock({ $0.files.values.first { $0.path == path.dropFirst(prefix.count) } }) else {
            return Self.response(404, Self.error(404, "Not Found"))
        }
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: file.content)))
    }

    static func response(_ status: Int, _ body: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
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

    /// How long a wait may last before it counts as a hang. Generous on purpose: in the full suite some
    /// 300 tests share two cores, and a bot's every round trip can queue for seconds behind the others'
    /// work (measured: 1.5–3 s each while the suite starts), so a retry sequence of a dozen round trips
    /// can take 30 s without anything being wrong.
    public static let hangTimeout: Duration = .seconds(120)

    /// Waits for the first call after position `index` that matches; throws at the deadline.
    public func waitForCall(
        after index: Int, timeout: Duration = hangTimeout, where match: @Sendable (BotCall) -> Bool = { _ in true }
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
    public func waitUntil(timeout: Duration = hangTimeout, _ condition: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let version = state.withLock { $0.version }
            if condition() { return }
            guard ContinuousClock.now < deadline else { throw LocalTelegramError.timedOut(lastCalls: lastCalls) }
            await changed(since: version, before: deadline)
        }
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
