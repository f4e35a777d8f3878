import Hummingbird

/// What a capability contributes to the one HTTP server: the dashboard its pages and `/data`, the L2
/// API its endpoints. Each adds its own routes; none knows about the others.
public protocol RouteGroup: Sendable {
    func addRoutes(to router: Router<BasicRequestContext>)
}
