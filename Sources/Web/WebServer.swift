import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The one HTTP server of `tix serve`: every ``RouteGroup`` on one router, run as a `Service` in the
/// serve command's `ServiceGroup`. On graceful shutdown Hummingbird stops accepting and finishes the
/// requests in flight before `run()` returns, so the engine behind them closes only afterwards.
public struct WebServer: Service {
    private let application: Application<RouterResponder<BasicRequestContext>>

    /// `onListening` hears the bound port once the server accepts (useful with port 0 in tests).
    public init(
        host: String, port: Int, groups: [any RouteGroup], logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let router = Router()
        router.add(middleware: RequestMetrics())
        for group in groups { group.addRoutes(to: router) }
        application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "tix"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
    }

    public func run() async throws {
        try await application.run()
    }
}
