import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Webhook mode: Telegram POSTs each update; the bot answers 200 once the update's effects are
/// committed and its replies are in the outbox. Any other answer makes Telegram deliver it again,
/// which the engine's idempotency keys make harmless.
struct WebhookServer: Sendable {
    static let secretHeader = HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!
    /// Telegram's updates are small; anything bigger is not one.
    static let maxBody = 1 << 20

    let handler: UpdateHandler
    let outbox: Outbox
    let sender: Sender
    let secret: String
    let logger: Logger

    /// Serves until cancelled, on all interfaces, or on loopback only when `local`; `running` hears the
    /// port once the server listens, and if it throws the server stops and `run` throws its error.
    func run(port: Int, local: Bool, running: @escaping @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post(RouterPath(BotSettings.webhookPath)) { request, _ in try await receive(request) }
        let bound = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname(local ? "127.0.0.1" : "0.0.0.0", port: port)),
            onServerRunning: {
                bound.continuation.yield($0.localAddress?.port ?? port)
                bound.continuation.finish()
            }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask {
                if let port = await bound.stream.first(where: { _ in true }) { try await running(port) }
            }
            try await group.waitForAll()
        }
    }

    private func receive(_ request: Hummingbird.Request) async throws -> HTTPResponse.Status {
        guard request.headers[Self.secretHeader] == secret else {
            logger.warning("webhook call without the secret token refused")
            return .unauthorized
        }
        let body = try await request.body.collect(upTo: Self.maxBody)
        guard let update = try? JSON.decode(ReceivedUpdate.self, from: Data(buffer: body)) else {
            logger.warning("unreadable update dropped")
            return .ok
        }
        do {
            await sender.enqueue(try outbox.commit(try await handler.handle([update]), offset: nil))
            handler.confirmed([update])
            return .ok
        } catch {
            logger.warning("update not handled; Telegram will deliver it again", metadata: ["error": "\(error)"])
            return .serviceUnavailable
        }
    }
}
