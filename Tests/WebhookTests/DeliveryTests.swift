import Foundation
import Logging
import Testing
import Webhooks
@testable import Engine

/// A worker with a short backoff, on the test's clock.
private func worker(_ engine: Engine, _ clock: ManualClock, maxAttempts: Int64 = 5) -> WebhookWorker {
    WebhookWorker(
        outbox: engine.webhooks, clock: clock, policy: RetryPolicy(maxAttempts: maxAttempts, firstDelay: 1000, maxDelay: 60_000),
        logger: Logger(label: "test.webhooks"))
}

@Suite("Webhook deliveries over HTTP")
struct DeliveryTests {
    @Test("a delivery arrives signed, with its id, and is never sent again once acknowledged")
    func delivered() async throws {
        let clock = ManualClock()
        let engine = try await company(clock: clock)
        defer { engine.close() }
        let receiver = Receiver()
        let hook = try await register(engine, url: try await receiver.start())
        try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 250))
        let sender = worker(engine, clock)
        #expect(try await sender.deliverDue() == 1)
        #expect(try await sender.deliverDue() == 0)
        await receiver.stop()

        let request = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1)
        try WebhookSignature.verify(request.signature, body: request.body, secret: hook.secret, now: clock.now() / 1000)
        let delivery = try #require(try engine.webhooks.deliveries(of: "acme").first)
        #expect(request.delivery == delivery.id && request.body == Data(delivery.body.utf8))
        #expect(delivery.state == .delivered && delivery.attempts == 1 && delivery.lastStatus == 200)
        try expectSound(engine)
    }

    @Test("an unanswered delivery is retried after its backoff, by a worker started after a restart")
    func retriedAcrossRestart() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        var engine = try await company(clock: clock, path: path)
        let receiver = Receiver(answering: [500, 503])
        let hook = try await register(engine, url: try await receiver.start())
        try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 5))
        #expect(try await worker(engine, clock).deliverDue() == 1)
        var delivery = try #require(try engine.webhooks.deliveries(of: "acme").first)
        #expect(delivery.state == .pending && delivery.attempts == 1 && delivery.nextAt == clock.now() + 1000)
        #expect(delivery.lastStatus == 500)

        // Restart: a new engine and a new worker on the same file.
        engine.close()
        engine = try Engine(path: path, clock: clock)
        defer { engine.close() }
        clock.advance(by: 999)
        #expect(try await worker(engine, clock).deliverDue() == 0)
        clock.advance(by: 1)
        #expect(try await worker(engine, clock).deliverDue() == 1)  // 503: the second wait doubles
        delivery = try #require(try engine.webhooks.deliveries(of: "acme").first)
        #expect(delivery.attempts == 2 && delivery.nextAt == clock.now() + 2000)
        clock.advance(by: 2000)
        #expect(try await worker(engine, clock).deliverDue() == 1)
        #expect(try await worker(engine, clock).deliverDue() == 0)
        await receiver.stop()

        #expect(receiver.requests.count == 3)
        #expect(Set(receiver.requests.map(\.delivery)) == [delivery.id])  // one id to de-duplicate by
        for request in receiver.requests {
            try WebhookSignature.verify(request.signature, body: request.body, secret: hook.secret, now: clock.now() / 1000)
        }
        #expect(try engine.webhooks.deliveries(of: "acme").first?.state == .delivered)
        try expectSound(engine)
    }

    @Test("a delivery out of attempts is failed, listed as such, and a replay delivers it under the same id")
    func failedThenReplayed() async throws {
        let clock = ManualClock()
        let engine = try await company(clock: clock)
        defer { engine.close() }
        let receiver = Receiver(answering: [500, 500])
        let url = try await receiver.start()
        _ = try await register(engine, url: url)
        try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 5))
        let sender = worker(engine, clock, maxAttempts: 2)
        #expect(try await sender.deliverDue() == 1)
        clock.advance(by: 1000)
        #expect(try await sender.deliverDue() == 1)
        clock.advance(by: 1_000_000)
        #expect(try await sender.deliverDue() == 0)
        let failed = try engine.webhooks.deliveries(of: "acme", failedOnly: true)
        #expect(failed.count == 1 && failed[0].state == .failed && failed[0].attempts == 2 && failed[0].lastError == "HTTP 500")

        let replayed = try engine.webhooks.replay(failed[0].id, now: clock.now())
        #expect(replayed.state == .pending && replayed.attempts == 0)
        #expect(try await sender.deliverDue() == 1)
        await receiver.stop()
        #expect(receiver.requests.map(\.delivery) == Array(repeating: failed[0].id, count: 3))
        #expect(try engine.webhooks.deliveries(of: "acme", failedOnly: true).isEmpty)
        #expect(try engine.webhooks.delivery(failed[0].id)?.state == .delivered)
        #expect(throws: Rejection.unknownDelivery("whd_0_0")) { try engine.webhooks.replay("whd_0_0", now: 0) }
        try expectSound(engine)
    }

    @Test("an unreachable endpoint counts as a failed attempt and is retried")
    func unreachable() async throws {
        let clock = ManualClock()
        let engine = try await company(clock: clock)
        defer { engine.close() }
        let receiver = Receiver()
        let url = try await receiver.start()
        await receiver.stop()  // nothing listens there any more
        _ = try await register(engine, url: url)
        try await act(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 5))
        #expect(try await worker(engine, clock).deliverDue() == 1)
        let delivery = try #require(try engine.webhooks.deliveries(of: "acme").first)
        #expect(delivery.state == .pending && delivery.attempts == 1 && delivery.lastStatus == nil)
        #expect(delivery.lastError?.contains("network error") == true)
    }
}
