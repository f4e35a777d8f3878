import API
import Engine
import Foundation
import Logging
import Web
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A fresh database file per test: Swift Testing runs tests in parallel.
func scratchPath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tix-api-\(UUID())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ledger.sqlite").path
}

@discardableResult
func submit(_ engine: Engine, _ actor: String, _ command: Command) async throws -> Receipt {
    try await engine.submit(Submission(actor: actor, key: UUID().uuidString, command: command))
}

/// A game server `mc` founded by alice with 500 tickets; bob and carol play with 1000 each; `other`
/// is a company of carol's with 100. Keys are made with ``Fixture/key(_:)``.
struct Fixture {
    let engine: Engine
    let clock: ManualClock

    init(clock: ManualClock = ManualClock(86_400_000 * 20_000)) async throws {
        self.clock = clock
        engine = try Engine(path: scratchPath(), clock: clock)
        for name in ["alice", "bob", "carol"] {
            try await submit(engine, Submission.admin, .openAccount(name: name, kind: .player))
            try await submit(engine, Submission.admin, .mint(to: name, asset: "TIX", amount: 100_000))
        }
        try await submit(engine, "alice", .org(.create(kind: .game, name: "mc", founder: "alice")))
        try await submit(engine, "alice", .transfer(from: "alice", to: "mc", asset: "TIX", amount: 50_000))
        try await submit(engine, Submission.admin, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        try await submit(engine, Submission.admin, .mint(to: "mc", asset: "ore", amount: 100))
        try await submit(engine, "carol", .org(.create(kind: .company, name: "other", founder: "carol")))
        try await submit(engine, "carol", .transfer(from: "carol", to: "other", asset: "TIX", amount: 10_000))
    }

    /// A key of `org` and its bearer token.
    func key(
        _ scopes: [ApiScope], org: String = "mc", max: Int64? = nil, cap: Int64? = nil, expiresAt: Int64? = nil
    ) async throws -> (id: Int64, token: String) {
        let secret = ApiKey.newSecret()
        let founder = org == "mc" ? "alice" : "carol"
        let receipt = try await submit(engine, founder, .api(.createKey(
            org: org, scopes: scopes, secretHash: ApiKey.hash(secret: secret), maxPerRequest: max, dailyCap: cap, expiresAt: expiresAt)))
        let id = receipt.createdID!
        return (id, ApiKey.token(id: id, secret: secret))
    }

    /// Serves the API on a free loopback port for the duration of `body`.
    func serving<T>(limit: RateLimiter.Limit = .standard, _ body: (Client) async throws -> T) async throws -> T {
        let clock = self.clock
        let routes = ApiRoutes(engine: engine, limit: limit) { clock.now() }
        let (ports, port) = AsyncStream<Int>.makeStream()
        let server = WebServer(host: "127.0.0.1", port: 0, groups: [routes], logger: Logger(label: "test")) { port.yield($0) }
        let running = Task { try await server.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else { throw ClientError.noPort }
        return try await body(Client(base: "http://127.0.0.1:\(bound)"))
    }
}

enum ClientError: Error { case noPort }

/// An HTTP answer: status, headers we look at, and the body parsed as JSON (if it is).
struct Answer: Sendable {
    var status: Int
    var contentType: String
    var retryAfter: String?
    var body: Data

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    /// The problem's `type`, for error answers.
    var type: String? { json["type"] as? String }
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct Client: Sendable {
    let base: String

    func get(_ path: String, token: String?) async throws -> Answer {
        try await send("GET", path, token: token, idempotency: nil, body: nil)
    }

    func post(_ path: String, token: String?, idempotency: String? = UUID().uuidString, json: [String: Any]) async throws -> Answer {
        try await send("POST", path, token: token, idempotency: idempotency, body: try JSONSerialization.data(withJSONObject: json, options: .sortedKeys))
    }

    func send(_ method: String, _ path: String, token: String?, idempotency: String?, body: Data?) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let idempotency { request.setValue(idempotency, forHTTPHeaderField: "Idempotency-Key") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return Answer(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "",
            retryAfter: http.value(forHTTPHeaderField: "Retry-After"), body: data)
    }
}
