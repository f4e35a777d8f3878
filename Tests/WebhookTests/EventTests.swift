import Foundation
import Testing
@testable import Engine

@Suite("Webhook events and the subscriptions cache")
struct EventTests {
    @Test("a line's crafts report craft.completed each, and its stall line.starved once")
    func craftsAndStarvedLine() async throws {
        let clock = ManualClock()
        let engine = try await company(clock: clock, shipped: true)
        defer { engine.close() }
        for (code, kind) in [("ore", Asset.Kind.raw), ("forge", .component)] {
            try await act(engine, Submission.admin, .defineAsset(Asset(code: code, kind: kind, scale: 0)))
        }
        for (code, amount) in [("ore", Int64(4)), ("forge", 1), ("TIX", 50_000)] {
            try await act(engine, Submission.admin, .mint(to: "acme", asset: code, amount: amount))
        }
        try await act(engine, "alice", .buildFactory(account: "acme", name: "Smelter"))
        try await act(engine, "alice", .fitComponent(account: "acme", factory: 1, component: "forge"))
        _ = try await register(engine, [.craftCompleted, .lineStarved])
        try await act(engine, "alice", .org(.startLine(org: "acme", name: "ingots", stages: [LineStage(factory: 1, recipe: "iron_ingot")])))
        for _ in 0..<8 {
            clock.advance(by: 600_000)
            _ = try? await act(engine, Submission.admin, .runDueJobs)
        }
        let deliveries = try engine.webhooks.deliveries(of: "acme").reversed()
        #expect(deliveries.map(\.event) == ["craft.completed", "craft.completed", "line.starved"])
        let craft = try #require(deliveries.first.map { try JSONSerialization.jsonObject(with: Data($0.body.utf8)) } as? [String: Any])
        let data = try #require(craft["data"] as? [String: Any])
        #expect(data["recipe"] as? String == "iron_ingot" && (data["factory"] as? NSNumber)?.int64Value == 1)
        let starved = try #require(try JSONSerialization.jsonObject(with: Data(deliveries.last!.body.utf8)) as? [String: Any])
        #expect((starved["data"] as? [String: Any])?["item"] as? String == "ore")
        try expectSound(engine)
    }

    @Test("a registration rolled back (a preview) leaves no subscription behind in the writer's cache")
    func rolledBack() async throws {
        let engine = try await company()
        defer { engine.close() }
        let register = Command.webhook(.register(
            org: "acme", url: "https://example.org/hook", events: [.transferReceived], secret: WebhookSecret.generate()))
        let preview = try await engine.preview(Submission(actor: "alice", key: UUID().uuidString, command: register))
        #expect(preview.createdID == 1)
        try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 1))
        #expect(try engine.webhooks.endpoints(of: "acme").isEmpty)
        #expect(try engine.webhooks.deliveries(of: "acme").isEmpty)
    }

    @Test("an endpoint registered by another process (the CLI beside `tix serve`) is heard by the running engine")
    func otherProcess() async throws {
        let path = scratchPath()
        let serving = try await company(path: path)
        defer { serving.close() }
        try await act(serving, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 1))  // loads the cache: empty
        let cli = try Engine(path: path)
        _ = try await register(cli)
        cli.close()
        try await act(serving, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 2))
        #expect(try serving.webhooks.deliveries(of: "acme").count == 1)
    }
}
