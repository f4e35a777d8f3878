import Foundation
import Testing
@testable import Engine

/// Registers a hook for `acme` as alice and returns its id.
func register(_ engine: Engine, url: String = "http://127.0.0.1:9/hook", _ events: Set<WebhookEvent> = [.transferReceived]) async throws -> WebhookRegistration {
    try await engine.registerWebhook(org: "acme", url: url, events: events, actor: "alice", key: UUID().uuidString)
}

@Suite("The webhook outbox")
struct OutboxTests {
    @Test("a transfer to the org writes its delivery in the same journal entry; a refused one writes none")
    func atomic() async throws {
        let engine = try await company()
        defer { engine.close() }
        let hook = try await register(engine)
        #expect(hook.secret.hasPrefix("whsec_") && hook.secret.count == 70)
        let paid = try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 250, memo: "rent"))
        var deliveries = try engine.webhooks.deliveries(of: "acme")
        #expect(deliveries.count == 1)
        let delivery = try #require(deliveries.first)
        #expect(delivery.seq == paid.seq && delivery.state == .pending && delivery.event == "transfer.received")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body.utf8)) as? [String: Any])
        #expect(body["id"] as? String == delivery.id && body["type"] as? String == "transfer.received")
        #expect(body["org"] as? String == "acme" && (body["seq"] as? NSNumber)?.int64Value == paid.seq)
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["from"] as? String == "carol" && (data["amount"] as? NSNumber)?.int64Value == 250 && data["memo"] as? String == "rent")

        // Refused (carol cannot afford it): no entry, no delivery.
        await #expect(throws: Rejection.self) {
            try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 1_000_000))
        }
        // Between players, and out of the org: nothing for acme's hook.
        try await act(engine, "carol", .transfer(from: "carol", to: "bob", asset: "TIX", amount: 1))
        try await act(engine, "alice", .transfer(from: "acme", to: "carol", asset: "TIX", amount: 1))
        deliveries = try engine.webhooks.deliveries(of: "acme")
        #expect(deliveries.map(\.id) == [delivery.id])
        try expectSound(engine)
    }

    @Test("a key's charge of a player writes charge.succeeded for its org; a charge beyond the allowance writes none")
    func chargeSucceeded() async throws {
        let engine = try await company()
        defer { engine.close() }
        _ = try await register(engine, [.chargeSucceeded])
        let key = try #require(try await act(engine, "alice", .api(.createKey(
            org: "acme", scopes: [.charge], secretHash: ApiKey.hash(secret: "s3cret"), maxPerRequest: nil, dailyCap: nil, expiresAt: nil))).createdID)
        try await act(engine, "carol", .api(.grantAllowance(player: "carol", org: "acme", daily: 500)))
        let keyActor = ApiKey.actor(org: "acme", id: key)
        let charged = try await act(engine, keyActor, .api(.charge(key: key, from: "carol", amount: 400, memo: "rent")))
        await #expect(throws: Rejection.self) {
            try await act(engine, keyActor, .api(.charge(key: key, from: "carol", amount: 200, memo: "rent")))
        }
        let deliveries = try engine.webhooks.deliveries(of: "acme")
        #expect(deliveries.map(\.event) == ["charge.succeeded"])
        let delivery = try #require(deliveries.first)
        #expect(delivery.seq == charged.seq)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body.utf8)) as? [String: Any])
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["from"] as? String == "carol" && (data["amount"] as? NSNumber)?.int64Value == 400)
        #expect((data["key"] as? NSNumber)?.int64Value == key && data["memo"] as? String == "rent")
        try expectSound(engine)
    }

    @Test("every delivery has its own id, also several from one entry; a removed hook gets none and its pending fail")
    func ids() async throws {
        let engine = try await company()
        defer { engine.close() }
        let first = try await register(engine)
        _ = try await register(engine)
        try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 1))
        try await act(engine, "bob", .transfer(from: "bob", to: "acme", asset: "TIX", amount: 2))
        let ids = try engine.webhooks.deliveries(of: "acme").map(\.id)
        #expect(ids.count == 4 && Set(ids).count == 4)

        try await act(engine, "alice", .webhook(.remove(org: "acme", endpoint: first.endpoint)))
        #expect(try engine.webhooks.endpoints(of: "acme").map(\.id) == [first.endpoint + 1])
        let dropped = try engine.webhooks.deliveries(of: "acme", failedOnly: true)
        #expect(dropped.count == 2 && dropped.allSatisfy { $0.endpoint == first.endpoint && $0.lastError == "endpoint removed" })
        #expect(throws: Rejection.unknownDelivery(dropped[0].id)) { try engine.webhooks.replay(dropped[0].id, now: 0) }
        try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 3))
        #expect(try engine.webhooks.deliveries(of: "acme").count == 5)
        try expectSound(engine)
    }

    /// The API's contract may be stricter than the engine (it asks for ASCII), never looser: a URL it
    /// documents as valid must be registered, and one the engine refuses must not match it.
    @Test("the URL pattern in openapi/tix.yaml admits only URLs the engine registers")
    func urlContract() throws {
        let contract = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../openapi/tix.yaml")
        let text = try String(contentsOf: contract, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("pattern: '^[Hh][Tt][Tt][Pp]") })
        let pattern = try Regex(String(line.split(separator: "'")[1]))
        let documented = ["https://example.org/hook", "HTTP://mc.example.org:8080/a?b=c#d", "http://10.0.0.2", "https://h/%E2%82%AC"]
        let refused = ["ftp://example.org", "https://", "https:///path", "https://?q", "https://#f", "https://a b", "example.org",
                       "https://example.org/\u{7}", "https://" + String(repeating: "a", count: Ledger.maxWebhookURLLength)]
        // What the engine registers: a URL it accepts, of plain text like every text of a command.
        func registers(_ url: String) -> Bool { Ledger.isWebhookURL(url) && PlainText.isPlain(url) }
        for url in documented {
            #expect(url.wholeMatch(of: pattern) != nil && registers(url), "\(url)")
        }
        for url in refused {
            #expect(!registers(url), "\(url)")
            #expect(url.wholeMatch(of: pattern) == nil || url.count > 2048, "\(url)")
        }
    }

    @Test("registering, removing and rotating need govern; refusals change nothing and say why")
    func permissions() async throws {
        let engine = try await company()
        defer { engine.close() }
        let register = WebhookCommand.register(org: "acme", url: "https://example.org/hook", events: [.craftCompleted], secret: WebhookSecret.generate())
        await #expect(throws: Rejection.lacksPermission(member: "bob", org: "acme", role: "member", permission: .govern)) {
            try await act(engine, "bob", .webhook(register))
        }
        await #expect(throws: Rejection.notAMember(org: "acme", account: "carol")) { try await act(engine, "carol", .webhook(register)) }
        #expect(try engine.webhooks.endpoints(of: "acme").isEmpty)
        for (bad, rejection) in [
            (WebhookCommand.register(org: "acme", url: "ftp://example.org", events: [.craftCompleted], secret: WebhookSecret.generate()),
             Rejection.invalidWebhookURL("ftp://example.org")),
            (.register(org: "acme", url: "https://", events: [.craftCompleted], secret: WebhookSecret.generate()), .invalidWebhookURL("https://")),
            (.register(org: "acme", url: "https://example.org", events: [], secret: WebhookSecret.generate()), .noWebhookEvents),
            (.register(org: "acme", url: "https://example.org", events: [.lineStarved], secret: "short"), .invalidWebhookSecret),
            (.remove(org: "acme", endpoint: 99), .unknownWebhook(org: "acme", endpoint: 99)),
            (.register(org: "nobody", url: "https://example.org", events: [.lineStarved], secret: WebhookSecret.generate()), .unknownOrg("nobody")),
        ] {
            await #expect(throws: rejection) { try await act(engine, "alice", .webhook(bad)) }
        }
        // The org itself (an API key acts as the org) and its owner may.
        let created = try await act(engine, "acme", .webhook(register))
        let id = try #require(created.createdID)
        await #expect(throws: Rejection.lacksPermission(member: "bob", org: "acme", role: "member", permission: .govern)) {
            try await act(engine, "bob", .webhook(.rotateSecret(org: "acme", endpoint: id, secret: WebhookSecret.generate())))
        }
        try await act(engine, "alice", .webhook(.rotateSecret(org: "acme", endpoint: id, secret: WebhookSecret.generate())))
        #expect(try engine.webhooks.endpoints(of: "acme").map(\.rotatedSeq) == [created.seq + 1])
        try expectSound(engine)
    }

    @Test("the story tells of a hook without its secret")
    func story() async throws {
        let engine = try await company()
        defer { engine.close() }
        let hook = try await register(engine)
        let line = try #require(try engine.reader.story(ofEntry: hook.seq, for: "alice")).text
        #expect(line.contains("Registered a webhook of") && line.contains("transfer.received"))
        #expect(!line.contains(hook.secret))
    }
}
