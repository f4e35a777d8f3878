import API
import Engine
import Foundation
import Logging
import Web

/// `tix-dev bench api`: authenticated `POST /v1/pay` per second over loopback (several keep-alive
/// clients, each request with its own Idempotency-Key), against the same payments submitted straight
/// to `Engine.submit` as the key, as many at once, in the same run.
public struct ApiBenchmark: Sendable {
    public struct Figures: Sendable {
        public var requestsPerSecond: Double
        public var submitsPerSecond: Double
    }

    public var payments = 10_000
    /// Concurrent keep-alive clients, and as many one-at-a-time submitters on the direct side.
    public var clients = 8
    public var players = 100
    public var rounds = 3
    public var directory: URL
    public var rules: URL?

    public init(directory: URL) { self.directory = directory }

    public func run() async throws -> Figures {
        var viaHTTP: [Double] = []
        var direct: [Double] = []
        for _ in 0..<rounds {
            direct.append(try await directRate())
            viaHTTP.append(try await httpRate())
        }
        return Figures(requestsPerSecond: viaHTTP.median, submitsPerSecond: direct.median)
    }

    private var quiet: Logger {
        var logger = Logger(label: "tix.bench.api")
        logger.logLevel = .critical
        return logger
    }

    /// A fresh ledger: players, a game server with a deep treasury, and its key (scope `pay`, no caps).
    private func economy() async throws -> (Engine, key: Int64, token: String) {
        let engine = try Engine(path: directory.appendingPathComponent("api-\(UUID()).sqlite").path, rules: rules, logger: quiet)
        func admin(_ command: Command) async throws -> Receipt {
            try await engine.submit(Submission(actor: Submission.admin, key: UUID().uuidString, command: command))
        }
        for n in 0..<players { _ = try await admin(.openAccount(name: "p\(n)", kind: .player)) }
        _ = try await admin(.mint(to: "p0", asset: Asset.ticket.code, amount: 1_000_000_000))
        _ = try await admin(.org(.create(kind: .game, name: "mc", founder: "p0")))
        _ = try await admin(.mint(to: "mc", asset: Asset.ticket.code, amount: 1_000_000_000_000))
        let secret = ApiKey.newSecret()
        let key = try await admin(.api(.createKey(
            org: "mc", scopes: [.pay], secretHash: ApiKey.hash(secret: secret), maxPerRequest: nil, dailyCap: nil, expiresAt: nil)))
        return (engine, key.createdID ?? 0, ApiKey.token(id: key.createdID ?? 0, secret: secret))
    }

    private func directRate() async throws -> Double {
        let (engine, key, _) = try await economy()
        defer { engine.close() }
        let actor = ApiKey.actor(org: "mc", id: key)
        return try await timed { lane, count in
            for n in 0..<count {
                _ = try await engine.submit(Submission(
                    actor: actor, key: "d-\(lane)-\(n)", command: .api(.pay(key: key, to: "p\((n + lane) % players)", amount: 100, memo: nil))))
            }
        }
    }

    private func httpRate() async throws -> Double {
        let (engine, _, token) = try await economy()
        defer { engine.close() }
        let routes = ApiRoutes(engine: engine, limit: .init(burst: 1e12, perSecond: 1e12))
        let (ports, port) = AsyncStream<Int>.makeStream()
        let server = WebServer(host: "127.0.0.1", port: 0, groups: [routes], logger: quiet) { port.yield($0) }
        let running = Task { try await server.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else { return 0 }
        let connections = try (0..<clients).map { _ in try KeepAliveClient(port: bound) }
        return try await timed { lane, count in
            // A lane's round trips block on its own connection, so the lane runs on a thread of its own.
            try await Self.offload {
                for n in 0..<count {
                    let body = #"{"to":"p\#((n + lane) % players)","amount":100}"#
                    let request = "POST /v1/pay HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                        + "Idempotency-Key: h-\(lane)-\(n)\r\nContent-Type: application/json\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
                    let status = try connections[lane].send(request)
                    guard status == 200 else { throw BenchmarkFailure("POST /v1/pay answered \(status)") }
                }
            }
        }
    }

    /// Runs blocking socket work on a thread of its own, not on the cooperative pool.
    private static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// `payments` calls over `clients` lanes, each making its share one at a time (`body(lane, count)`);
    /// calls per second.
    private func timed(_ body: @escaping @Sendable (Int, Int) async throws -> Void) async throws -> Double {
        let perLane = payments / clients
        let start = DispatchTime.now().uptimeNanoseconds
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<clients {
                group.addTask { try await body(lane, perLane) }
            }
            try await group.waitForAll()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(perLane * clients) / seconds
    }
}
