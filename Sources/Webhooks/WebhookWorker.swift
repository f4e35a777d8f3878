import Curl
import Engine
import Foundation
import Logging
import ServiceLifecycle

/// Sends the outbox inside `tix serve`: every due delivery is POSTed, signed, to its endpoint; a 2xx
/// marks it delivered, anything else schedules a retry by the ``RetryPolicy`` or marks it failed.
/// Every outcome is stored before the next send, so after a restart the worker carries on where it
/// stopped, and an acknowledged delivery is never sent again (a crash between the receiver's 2xx and
/// the record can send one twice: receivers de-duplicate by the `Tix-Delivery` id).
public struct WebhookWorker: Service {
    let outbox: WebhookOutbox
    let clock: any EngineClock
    let policy: RetryPolicy
    let logger: Logger
    /// One connection, kept alive between sends; deliveries go one at a time.
    private let connection = CurlConnection(label: "tix.webhooks")
    /// How long a receiver may take to answer.
    var timeout: Duration = .seconds(10)
    /// How long an idle worker waits before it looks at the outbox again.
    var poll: Duration = .milliseconds(500)

    public init(outbox: WebhookOutbox, clock: any EngineClock = SystemClock(), policy: RetryPolicy = RetryPolicy(), logger: Logger) {
        self.outbox = outbox
        self.clock = clock
        self.policy = policy
        self.logger = logger
    }

    /// Until the service group shuts down.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    if try await deliverDue() > 0 { continue }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("webhooks: \(error)")
                }
                try? await Task.sleep(for: poll)
            }
        }
    }

    /// Sends what is due now, once each; returns how many were tried.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let due = try outbox.due(now: clock.now())
        for delivery in due {
            try Task.checkCancellation()
            try outbox.record(delivery.id, try await attempt(delivery))
        }
        return due.count
    }

    /// One send. A shutdown in the middle records nothing: the delivery is still due after the restart.
    private func attempt(_ delivery: DueDelivery) async throws -> DeliveryOutcome {
        let body = Data(delivery.body.utf8)
        let headers = [
            "\(WebhookSignature.header): " + WebhookSignature.sign(body, secret: delivery.secret, timestamp: clock.now() / 1000),
            "Tix-Delivery: \(delivery.id)",
            "User-Agent: Ticketonomics-Webhooks/1",
        ]
        let status: Int?
        let error: String
        do {
            let response = try await connection.post(delivery.url, json: body, headers: headers, timeout: timeout)
            if (200..<300).contains(response.status) { return .delivered(status: response.status, at: clock.now()) }
            (status, error) = (response.status, "HTTP \(response.status)")
        } catch CurlError.cancelled {
            throw CancellationError()
        } catch {
            return failure(delivery, status: nil, error: "\(error)")
        }
        return failure(delivery, status: status, error: error)
    }

    private func failure(_ delivery: DueDelivery, status: Int?, error: String) -> DeliveryOutcome {
        let attempt = delivery.attempts + 1
        logger.info("webhook \(delivery.id) to \(delivery.url) failed (attempt \(attempt)): \(error)")
        guard let delay = policy.delay(after: attempt) else { return .failed(status: status, error: error) }
        return .retry(status: status, error: error, next: clock.now() + delay)
    }
}
