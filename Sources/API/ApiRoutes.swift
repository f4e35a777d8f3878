import Crypto
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import Web

/// The L2 HTTP API under `/v1`, and its contract at `/openapi.yaml`. It holds no economic logic: it
/// authenticates the key, turns a request into an `ApiCommand` submitted as the key's actor with the
/// request's `Idempotency-Key` as the journal key, and turns the receipt or refusal into JSON.
public struct ApiRoutes: RouteGroup {
    let engine: Engine
    let limiter: RateLimiter
    /// Journal-comparable time (ms) for key expiry; the tests' clocks set it there.
    let now: @Sendable () -> Int64

    static let idempotencyHeader = HTTPField.Name("Idempotency-Key")!

    /// How long a link code lives.
    static let linkLifetime: Int64 = 15 * 60_000

    public init(
        engine: Engine, limit: RateLimiter.Limit = .standard,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.engine = engine
        limiter = RateLimiter(limit)
        self.now = now
    }

    public func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
        router.get("v1/balances/:account") { request, context in
            await Self.answer {
                let caller = try authenticate(request, [.balancesRead])
                let account = try caller.account(try context.parameters.require("account"), reader: engine.reader, allowOwnOrg: true)
                let holdings = try engine.reader.balances(of: account)
                let balances = holdings.map { Wire.Money(asset: $0.asset.code, amount: $0.amount, scale: $0.asset.scale) }
                return try Self.json(.ok, Wire.Balance(account: account, balances: balances))
            }
        }
        router.get("v1/history/:account") { request, context in
            await Self.answer {
                let caller = try authenticate(request, [.historyRead])
                let account = try caller.account(try context.parameters.require("account"), reader: engine.reader, allowOwnOrg: true)
                let limit = min(200, max(1, request.uri.queryParameters["limit"].flatMap { Int(String($0)) } ?? 50))
                let scales = try Dictionary(uniqueKeysWithValues: engine.reader.assets().map { ($0.code, $0.scale) })
                let entries = try engine.reader.history(of: account, limit: limit).map {
                    Wire.HistoryEntry(
                        seq: $0.seq, at: $0.at, from: $0.posting.from, to: $0.posting.to,
                        amount: Wire.Money(asset: $0.posting.asset, amount: $0.posting.amount, scale: scales[$0.posting.asset] ?? 0))
                }
                return try Self.json(.ok, Wire.History(account: account, entries: entries))
            }
        }
        router.post("v1/pay") { request, _ in
            await Self.answer {
                let caller = try authenticate(request, [.pay])
                let idempotency = try Self.idempotencyKey(request)
                let body = try await Self.decode(Wire.PayRequest.self, request)
                let to = try caller.account(body.to, reader: engine.reader, allowOwnOrg: false)
                let receipt = try await submit(caller, idempotency, .pay(key: caller.key.id, to: to, amount: body.amount, memo: body.memo))
                return try Self.json(.ok, Self.transfer(receipt, from: caller.key.org, to: to, amount: body.amount))
            }
        }
        router.post("v1/charge") { request, _ in
            await Self.answer {
                let caller = try authenticate(request, [.charge])
                let idempotency = try Self.idempotencyKey(request)
                let body = try await Self.decode(Wire.ChargeRequest.self, request)
                let from = try caller.account(body.from, reader: engine.reader, allowOwnOrg: false)
                let receipt = try await submit(caller, idempotency, .charge(key: caller.key.id, from: from, amount: body.amount, memo: body.memo))
                return try Self.json(.ok, Self.transfer(receipt, from: from, to: caller.key.org, amount: body.amount))
            }
        }
        router.post("v1/links") { request, _ in
            await Self.answer {
                let caller = try authenticate(request, [.charge, .pay])
                let idempotency = try Self.idempotencyKey(request)
                let body = try await Self.decode(Wire.LinkRequest.self, request)
                let code = Self.linkCode(key: caller.key, idempotency: idempotency, subject: body.subject)
                let receipt = try await submit(
                    caller, idempotency, .createLink(key: caller.key.id, subject: body.subject, code: code, validFor: Self.linkLifetime))
                return try Self.json(
                    .created,
                    Wire.Link(
                        code: code, subject: body.subject, expiresAt: receipt.at + Self.linkLifetime,
                        instruction: "Send /link \(code) to the Ticketonomics bot."))
            }
        }
        router.post("v1/items") { request, _ in
            await Self.answer {
                let caller = try authenticate(request, [.items])
                let idempotency = try Self.idempotencyKey(request)
                let body = try await Self.decode(Wire.ItemsRequest.self, request)
                let to = try caller.account(body.to, reader: engine.reader, allowOwnOrg: false)
                let scale = try engine.reader.assets().first { $0.code == body.asset }?.scale ?? 0
                let receipt = try await submit(
                    caller, idempotency, .giveItems(key: caller.key.id, to: to, asset: body.asset, amount: body.amount, memo: body.memo))
                let given = Self.transfer(receipt, from: caller.key.org, to: to, amount: body.amount)
                return try Self.json(.ok, Wire.Transfer(
                    seq: given.seq, at: given.at, from: given.from, to: given.to,
                    amount: Wire.Money(asset: body.asset, amount: body.amount, scale: scale), fee: given.fee))
            }
        }
        router.post("v1/webhooks") { request, _ in await Self.answer { try await registerWebhook(request) } }
    }

    /// Registers one of the org's webhook endpoints. Its secret is derived from the request, like a link
    /// code, so a retry submits the same command and answers the same secret.
    private func registerWebhook(_ request: Request) async throws -> Response {
        let caller = try authenticate(request, [.webhooks])
        let idempotency = try Self.idempotencyKey(request)
        let body = try await Self.decode(Wire.WebhookRequest.self, request)
        let events = Set(body.events.compactMap(WebhookEvent.init(rawValue:)))
        guard events.count == Set(body.events).count else {
            throw Problem.invalidBody("Events are some of: \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let names = events.sorted().map(\.rawValue)
        let secret = "whsec_" + Array(HMAC<SHA256>.authenticationCode(
            for: Array("webhook|\(idempotency)|\(body.url)|\(names)".utf8), using: SymmetricKey(data: Array(caller.key.secretHash.utf8)))).hex
        let registered = try await engine.registerWebhook(
            org: caller.key.org, url: body.url, events: events, secret: secret, actor: caller.key.actor, key: idempotency)
        return try Self.json(.created, Wire.Webhook(endpoint: registered.endpoint, url: body.url, events: names, secret: secret, seq: registered.seq))
    }

    private func authenticate(_ request: Request, _ scopes: [ApiScope]) throws -> Caller {
        try Caller.authenticate(request, scopes: scopes, reader: engine.reader, limiter: limiter, now: now())
    }

    /// Submits as the key: a retry with the same idempotency key gets the first receipt back.
    private func submit(_ caller: Caller, _ idempotency: String, _ command: ApiCommand) async throws -> Receipt {
        try await engine.submit(Submission(actor: caller.key.actor, key: idempotency, command: .api(command)))
    }

    /// A link code made from the request itself, so that a retry yields the same code (and the same
    /// command); the key's stored hash, which never leaves the server, keeps it unguessable.
    static func linkCode(key: ApiKey, idempotency: String, subject: String) -> String {
        let digest = Array(SHA256.hash(data: Array("\(key.secretHash)|\(idempotency)|\(subject)".utf8)))
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String(digest.prefix(8).map { alphabet[Int($0) % alphabet.count] })
    }

    static func transfer(_ receipt: Receipt, from: String, to: String, amount: Int64) -> Wire.Transfer {
        let fee = receipt.postings.dropFirst().filter { $0.from == from && $0.asset == Asset.ticket.code }.reduce(Int64(0)) { $0 + $1.amount }
        return Wire.Transfer(seq: receipt.seq, at: receipt.at, from: from, to: to, amount: .tickets(amount), fee: .tickets(fee))
    }

    static func idempotencyKey(_ request: Request) throws -> String {
        guard let key = request.headers[Self.idempotencyHeader], (1...128).contains(key.utf8.count) else {
            throw Problem.missingIdempotencyKey
        }
        return key
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch {
            throw Problem.invalidBody("The body is not the JSON this endpoint takes: see /openapi.yaml.")
        }
    }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// Runs a handler and answers every failure as problem details: a refusal with its code, anything
    /// else as 503 (the engine closing) or 500, never a bare error page.
    static func answer(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let problem as Problem {
            return problem.response
        } catch let rejection as Rejection {
            return Problem(rejection).response
        } catch let error as EngineError {
            return Problem(type: "unavailable", status: .serviceUnavailable, detail: error.description).response
        } catch {
            return Problem(type: "internal", status: .internalServerError, detail: "Something went wrong on the server; retry with the same Idempotency-Key.").response
        }
    }
}
