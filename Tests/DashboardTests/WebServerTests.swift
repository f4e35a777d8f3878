import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Testing
@testable import Web

/// The one HTTP server as `tix serve` runs it: a service in a `ServiceGroup`.
@Suite("The web server's lifecycle")
struct WebServerTests {
    /// `GET /slow` tells the test it started, then takes a moment before it answers.
    struct Slow: RouteGroup {
        let started: AsyncStream<Void>.Continuation

        func addRoutes(to router: Router<BasicRequestContext>) {
            router.get("slow") { _, _ -> String in
                started.yield()
                try await Task.sleep(for: .milliseconds(300))
                return "done"
            }
        }
    }

    @Test("a graceful shutdown answers the request in flight before the group returns (then the engine may close)")
    func gracefulShutdown() async throws {
        let (ports, port) = AsyncStream<Int>.makeStream()
        let (starts, started) = AsyncStream<Void>.makeStream()
        let server = WebServer(host: "127.0.0.1", port: 0, groups: [Slow(started: started)], logger: Logger(label: "test")) {
            port.yield($0)
        }
        let group = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        var portIterator = ports.makeAsyncIterator()
        let bound = try #require(await portIterator.next())
        let request = Task { try await get("http://127.0.0.1:\(bound)/slow") }
        var startIterator = starts.makeAsyncIterator()
        _ = await startIterator.next()
        await group.triggerGracefulShutdown()
        let (status, body) = try await request.value
        #expect(status == 200)
        #expect(body == "done")
        try await running.value
    }
}
