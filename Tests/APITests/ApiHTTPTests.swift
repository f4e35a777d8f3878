import Engine
import Foundation
import Testing
@testable import API

/// The API over real HTTP on loopback, against a ledger built per test.
@Suite("The L2 HTTP API")
struct ApiHTTPTests {
    /// Each endpoint with a request that succeeds for a key holding its scope.
    static let endpoints: [(name: String, grants: Set<ApiScope>, call: @Sendable (Client, String) async throws -> Answer)] = [
        ("GET balances", [.balancesRead], { try await $0.get("/v1/balances/bob", token: $1) }),
        ("GET history", [.historyRead], { try await $0.get("/v1/history/bob", token: $1) }),
        ("POST pay", [.pay], { try await $0.post("/v1/pay", token: $1, json: ["to": "bob", "amount": 100]) }),
        ("POST charge", [.charge], { try await $0.post("/v1/charge", token: $1, json: ["from": "bob", "amount": 100]) }),
        ("POST links", [.charge, .pay], { try await $0.post("/v1/links", token: $1, json: ["subject": "uuid-1"]) }),
        ("POST items", [.items], { try await $0.post("/v1/items", token: $1, json: ["to": "bob", "asset": "ore", "amount": 1]) }),
        ("POST webhooks", [.webhooks], {
            try await $0.post("/v1/webhooks", token: $1, json: ["url": "http://127.0.0.1:9/hook", "events": ["charge.succeeded"]])
        }),
    ]

    @Test("every scope against every endpoint: granted, or 403 missingScope as problem details")
    func authorizationMatrix() async throws {
        let fixture = try await Fixture()
        try await submit(fixture.engine, "bob", .api(.grantAllowance(player: "bob", org: "mc", daily: 1_000_000)))
        var tokens: [ApiScope: String] = [:]
        for scope in ApiScope.allCases { tokens[scope] = try await fixture.key([scope]).token }
        try await fixture.serving { client in
            for scope in ApiScope.allCases {
                for endpoint in Self.endpoints {
                    let answer = try await endpoint.call(client, tokens[scope]!)
                    if endpoint.grants.contains(scope) {
                        #expect((200...201).contains(answer.status), "\(scope) \(endpoint.name): \(answer.text)")
                    } else {
                        #expect(answer.status == 403 && answer.type == "missingScope", "\(scope) \(endpoint.name): \(answer.text)")
                        #expect(answer.contentType == "application/problem+json")
                    }
                }
            }
        }
    }

    @Test("no token, a wrong secret, a revoked and an expired key: 401 on every endpoint")
    func unauthenticated() async throws {
        let fixture = try await Fixture()
        let all = Array(ApiScope.allCases)
        let live = try await fixture.key(all)
        let revoked = try await fixture.key(all)
        try await submit(fixture.engine, "alice", .api(.revokeKey(org: "mc", key: revoked.id)))
        let expired = try await fixture.key(all, expiresAt: fixture.clock.now() + 1_000)
        fixture.clock.advance(by: 1_000)
        let forged = "tix_\(live.id)_" + String(repeating: "0", count: 64)
        try await fixture.serving { client in
            for endpoint in Self.endpoints {
                for (token, type) in [
                    (nil, "unauthenticated"), (forged, "unknownApiKey"), (revoked.token, "apiKeyRevoked"), (expired.token, "apiKeyExpired"),
                ] as [(String?, String)] {
                    let answer = try await endpoint.call(client, token ?? "")
                    #expect(answer.status == 401 && answer.type == type, "\(endpoint.name) \(type): \(answer.text)")
                }
            }
            #expect(try await client.get("/v1/balances/bob", token: nil).status == 401)
        }
        #expect(try fixture.engine.reader.balance(of: "bob", asset: "TIX") == 100_000)
    }

    @Test("a key never sees or moves another org's or a system account's money")
    func otherOrgs() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.key(Array(ApiScope.allCases)).token
        try await fixture.serving { client in
            for account in ["other", "treasury", "sink"] {
                #expect(try await client.get("/v1/balances/\(account)", token: token).status == 403)
                #expect(try await client.get("/v1/history/\(account)", token: token).status == 403)
                #expect(try await client.post("/v1/pay", token: token, json: ["to": account, "amount": 1]).status == 403)
                #expect(try await client.post("/v1/charge", token: token, json: ["from": account, "amount": 1]).status == 403)
            }
            // Its own org's balance it may read.
            let own = try await client.get("/v1/balances/mc", token: token)
            #expect(own.status == 200 && (own.json["balances"] as? [[String: Any]])?.first?["amount"] as? Int == 50_000)
            #expect(try await client.get("/v1/balances/nobody", token: token).status == 404)
        }
        #expect(try fixture.engine.reader.balance(of: "other", asset: "TIX") == 10_000)
    }

    @Test("pay and charge answer with integer minor units, asset and scale; refusals carry their code")
    func payAndCharge() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.key([.pay, .charge, .balancesRead], max: 5_000, cap: 8_000).token
        try await fixture.serving { client in
            let paid = try await client.post("/v1/pay", token: token, json: ["to": "bob", "amount": 1_250, "memo": "quest"])
            #expect(paid.status == 200)
            #expect(paid.json["from"] as? String == "mc" && paid.json["to"] as? String == "bob")
            let amount = try #require(paid.json["amount"] as? [String: Any])
            #expect(amount["amount"] as? Int == 1_250 && amount["asset"] as? String == "TIX" && amount["scale"] as? Int == 2)
            let balance = try await client.get("/v1/balances/bob", token: token)
            #expect((balance.json["balances"] as? [[String: Any]])?.first?["amount"] as? Int == 101_250)
            let tooMuch = try await client.post("/v1/pay", token: token, json: ["to": "bob", "amount": 5_001])
            #expect(tooMuch.status == 422 && tooMuch.type == "overRequestCap")
            #expect(tooMuch.json["detail"] as? String == Rejection.overRequestCap(cap: 5_000).description)
            try await _ = client.post("/v1/pay", token: token, json: ["to": "bob", "amount": 5_000])
            let overCap = try await client.post("/v1/pay", token: token, json: ["to": "bob", "amount": 2_000])
            #expect(overCap.status == 422 && overCap.type == "overKeyDailyCap")
            let noConsent = try await client.post("/v1/charge", token: token, json: ["from": "carol", "amount": 100])
            #expect(noConsent.status == 422 && noConsent.type == "noAllowance")
            try await submit(fixture.engine, "carol", .api(.grantAllowance(player: "carol", org: "mc", daily: 500)))
            let overAllowance = try await client.post("/v1/charge", token: token, json: ["from": "carol", "amount": 501])
            #expect(overAllowance.status == 422 && overAllowance.type == "overAllowance")
            let rent = try await client.post("/v1/charge", token: token, json: ["from": "carol", "amount": 500])
            #expect(rent.status == 200 && rent.json["to"] as? String == "mc")
            let bad = try await client.post("/v1/pay", token: token, json: ["to": "bob", "amount": "ten"])
            #expect(bad.status == 400 && bad.type == "invalidRequest")
            let negative = try await client.post("/v1/pay", token: token, json: ["to": "bob", "amount": -5])
            #expect(negative.status == 422 && negative.type == "nonPositiveAmount")
        }
        #expect(try fixture.engine.reader.balance(of: "carol", asset: "TIX") == 90_000 - 500)
        let report = try Verifier().verify(path: fixture.engine.path)
        #expect(report.ok, "\(report.problems)")
    }

    @Test("a key gives its org's items to a player, never tickets and never more than the inventory holds")
    func items() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.key([.items]).token
        try await fixture.serving { client in
            let given = try await client.post("/v1/items", token: token, json: ["to": "bob", "asset": "ore", "amount": 30, "memo": "loot"])
            #expect(given.status == 200 && given.json["from"] as? String == "mc" && given.json["to"] as? String == "bob")
            let amount = try #require(given.json["amount"] as? [String: Any])
            #expect(amount["asset"] as? String == "ore" && amount["amount"] as? Int == 30 && amount["scale"] as? Int == 0)
            let tickets = try await client.post("/v1/items", token: token, json: ["to": "bob", "asset": "TIX", "amount": 1])
            #expect(tickets.status == 422 && tickets.type == "notAnItem")
            let tooMany = try await client.post("/v1/items", token: token, json: ["to": "bob", "asset": "ore", "amount": 71])
            #expect(tooMany.status == 422)
            let toOrg = try await client.post("/v1/items", token: token, json: ["to": "other", "asset": "ore", "amount": 1])
            #expect(toOrg.status == 403)
        }
        #expect(try fixture.engine.reader.balance(of: "bob", asset: "ore") == 30)
        #expect(try fixture.engine.reader.balance(of: "mc", asset: "ore") == 70)
        let report = try Verifier().verify(path: fixture.engine.path)
        #expect(report.ok, "\(report.problems)")
    }

    @Test("a key registers its org's webhook: the secret is shown once, a retry answers the same, its charges are delivered")
    func webhooks() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.key([.webhooks, .charge]).token
        try await submit(fixture.engine, "bob", .api(.grantAllowance(player: "bob", org: "mc", daily: 1_000)))
        try await fixture.serving { client in
            let body: [String: Any] = ["url": "https://mc.example.org/hook", "events": ["charge.succeeded", "transfer.received"]]
            let first = try await client.post("/v1/webhooks", token: token, idempotency: "hook-1", json: body)
            #expect(first.status == 201)
            let secret = try #require(first.json["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && first.json["events"] as? [String] == ["charge.succeeded", "transfer.received"])
            let retry = try await client.post("/v1/webhooks", token: token, idempotency: "hook-1", json: body)
            #expect(retry.status == 201 && retry.json["secret"] as? String == secret && retry.json["endpoint"] as? Int == first.json["endpoint"] as? Int)
            let other = try await client.post("/v1/webhooks", token: token, idempotency: "hook-1", json: ["url": "https://evil.example/", "events": ["charge.succeeded"]])
            #expect(other.status == 422 && other.type == "keyReused")
            let unknown = try await client.post("/v1/webhooks", token: token, json: ["url": "https://mc.example.org/hook", "events": ["coffee.brewed"]])
            #expect(unknown.status == 400 && unknown.type == "invalidRequest")
            let badURL = try await client.post("/v1/webhooks", token: token, json: ["url": "ftp://mc", "events": ["charge.succeeded"]])
            #expect(badURL.status == 422 && badURL.type == "invalidWebhookURL")
            #expect(try await client.post("/v1/charge", token: token, json: ["from": "bob", "amount": 300]).status == 200)
        }
        let endpoints = try fixture.engine.webhooks.endpoints(of: "mc")
        #expect(endpoints.count == 1)
        let deliveries = try fixture.engine.webhooks.deliveries(of: "mc")
        #expect(deliveries.map(\.event) == ["charge.succeeded"])
        let entry = try #require(try fixture.engine.reader.journal(from: deliveries[0].seq, limit: 1).first)
        #expect(entry.actor.hasPrefix("mc/key-"), "the key's charge is journaled as the key")
        let report = try Verifier().verify(path: fixture.engine.path)
        #expect(report.ok, "\(report.problems)")
    }

    @Test("a linked game identity is accepted wherever an account is expected")
    func links() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.key([.pay, .balancesRead]).token
        let uuid = "069a79f4-44e9-4726-a5be-fca90e38aaf5"
        try await fixture.serving { client in
            #expect(try await client.get("/v1/balances/\(uuid)", token: token).status == 404)
            let link = try await client.post("/v1/links", token: token, json: ["subject": uuid])
            #expect(link.status == 201)
            let code = try #require(link.json["code"] as? String)
            #expect(code.count == 8)
            try await submit(fixture.engine, "bob", .api(.redeemLink(player: "bob", code: code)))
            let paid = try await client.post("/v1/pay", token: token, json: ["to": uuid, "amount": 300])
            #expect(paid.status == 200 && paid.json["to"] as? String == "bob")
            let balance = try await client.get("/v1/balances/\(uuid)", token: token)
            #expect(balance.json["account"] as? String == "bob")
            let bad = try await client.post("/v1/links", token: token, json: ["subject": "not a uuid!"])
            #expect(bad.status == 422 && bad.type == "invalidLinkSubject")
        }
    }

    @Test("POST needs an Idempotency-Key; a retry returns the first answer; another body is 422; concurrent duplicates apply once")
    func idempotency() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.key([.pay]).token
        try await fixture.serving { client in
            let missing = try await client.post("/v1/pay", token: token, idempotency: nil, json: ["to": "bob", "amount": 100])
            #expect(missing.status == 400 && missing.type == "idempotencyKeyMissing")
            let first = try await client.post("/v1/pay", token: token, idempotency: "quest-1", json: ["to": "bob", "amount": 100])
            let again = try await client.post("/v1/pay", token: token, idempotency: "quest-1", json: ["to": "bob", "amount": 100])
            #expect(first.status == 200 && again.status == 200 && first.body == again.body)
            let other = try await client.post("/v1/pay", token: token, idempotency: "quest-1", json: ["to": "bob", "amount": 101])
            #expect(other.status == 422 && other.type == "keyReused")
            let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await client.post("/v1/pay", token: token, idempotency: "quest-2", json: ["to": "bob", "amount": 700]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == 200 && $0.body == answers[0].body })
        }
        #expect(try fixture.engine.reader.balance(of: "bob", asset: "TIX") == 100_000 + 100 + 700)
    }

    @Test("past its burst a key gets 429 with Retry-After; other keys are not held back")
    func rateLimit() async throws {
        let fixture = try await Fixture()
        let busy = try await fixture.key([.balancesRead]).token
        let calm = try await fixture.key([.balancesRead]).token
        try await fixture.serving(limit: .init(burst: 3, perSecond: 0.001)) { client in
            for _ in 0..<3 { #expect(try await client.get("/v1/balances/bob", token: busy).status == 200) }
            let limited = try await client.get("/v1/balances/bob", token: busy)
            #expect(limited.status == 429 && limited.type == "rateLimited")
            #expect(Int(limited.retryAfter ?? "") ?? 0 >= 1)
            #expect(try await client.get("/v1/balances/bob", token: calm).status == 200)
        }
    }

    @Test("/openapi.yaml serves the committed contract, and every path in it is served")
    func contract() async throws {
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../openapi/tix.yaml")
        let text = try String(contentsOf: committed, encoding: .utf8)
        let fixture = try await Fixture()
        let token = try await fixture.key([.balancesRead]).token
        try await fixture.serving { client in
            let served = try await client.get("/openapi.yaml", token: nil)
            #expect(served.status == 200 && served.text == text)
            let paths = text.split(separator: "\n").filter { $0.hasPrefix("  /") }.map { $0.trimmingCharacters(in: .whitespaces).dropLast() }
            #expect(paths.count == 7)
            for path in paths {
                let concrete = path.replacingOccurrences(of: "{account}", with: "bob")
                let method = text.contains("\(path):\n    get:") ? "GET" : "POST"
                let answer = try await client.send(
                    method, String(concrete), token: token, idempotency: "k", body: method == "GET" ? nil : Data("{}".utf8))
                #expect(answer.status != 404 || answer.type != nil, "\(path) is not served")
            }
        }
    }
}
