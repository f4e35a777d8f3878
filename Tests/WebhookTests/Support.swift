import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import Testing
@testable import Engine

/// A fresh database file per test: Swift Testing runs tests in parallel.
func scratchPath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tix-webhooks-\(UUID())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ledger.sqlite").path
}

/// Submits as `actor` with a fresh key.
@discardableResult
func act(_ engine: Engine, _ actor: String, _ command: Command) async throws -> Receipt {
    try await engine.submit(Submission(actor: actor, key: UUID().uuidString, command: command))
}

let shippedRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("rules")
let shippedRecipes = shippedRules.deletingLastPathComponent().appendingPathComponent("recipes")

/// An engine (without rules and recipes, so no fees, unless `shipped`) where alice owns the company
/// `acme`, bob is a plain member and carol a player outside it; each player starts with 1000 tickets.
func company(clock: ManualClock = ManualClock(), path: String = scratchPath(), shipped: Bool = false) async throws -> Engine {
    let engine = try Engine(path: path, clock: clock, rules: shipped ? shippedRules : nil, recipes: shipped ? shippedRecipes : nil)
    for name in ["alice", "bob", "carol"] {
        try await act(engine, Submission.admin, .openAccount(name: name, kind: .player))
        try await act(engine, Submission.admin, .mint(to: name, asset: "TIX", amount: 100_000))
    }
    try await act(engine, "alice", .org(.create(kind: .company, name: "acme", founder: "alice")))
    try await act(engine, "alice", .org(.invite(org: "acme", member: "bob")))
    try await act(engine, "bob", .org(.join(org: "acme", member: "bob")))
    return engine
}

/// The ledger is sound and `tix verify` replays it to the same state.
func expectSound(_ engine: Engine) throws {
    #expect(try engine.reader.invariantViolations() == [])
    let report = try Verifier().verify(path: engine.path)
    #expect(report.ok, "\(report.problems)")
}

/// A webhook receiver on 127.0.0.1: it answers each request with the next scripted status (200 once
/// the script runs out) and keeps what it was sent.
final class Receiver: Sendable {
    struct Request: Sendable {
        var signature: String
        var delivery: String
        var body: Data
    }

    private let script: Mutex<[Int]>
    private let received = Mutex<[Request]>([])
    private let server = Mutex<Task<Void, any Error>?>(nil)

    init(answering statuses: [Int] = []) { script = Mutex(statuses) }

    var requests: [Request] { received.withLock { $0 } }

    func answer(_ statuses: [Int]) { script.withLock { $0 = statuses } }

    /// Starts listening and returns the hook's URL.
    func start() async throws -> String {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            self.received.withLock {
                $0.append(Request(
                    signature: request.headers[HTTPField.Name("Tix-Signature")!] ?? "",
                    delivery: request.headers[HTTPField.Name("Tix-Delivery")!] ?? "", body: Data(buffer: body)))
            }
            let status = self.script.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
            return Response(status: .init(code: status))
        }
        let port = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                port.continuation.yield(channel.localAddress?.port ?? 0)
                port.continuation.finish()
            }, logger: logger)
        server.withLock { $0 = Task { try await app.run() } }
        let bound = await port.stream.first { _ in true } ?? 0
        return "http://127.0.0.1:\(bound)/hook"
    }

    func stop() async {
        let running = server.withLock { $0 }
        running?.cancel()
        _ = await running?.result
    }
}
