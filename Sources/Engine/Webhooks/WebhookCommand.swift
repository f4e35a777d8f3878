/// An org's webhook endpoints, journaled as `{"webhook": {"<case>": {...}}}`. By the org itself (an API
/// key), the admin, or a member whose role grants `govern`: an endpoint sees the org's business.
///
/// The signing secret travels in the command, chosen by the front end with ``WebhookSecret/generate()``,
/// so a replay of the journal restores it; the journal and the database must be kept as private as
/// the secret itself (the server has to know it to sign).
public enum WebhookCommand: Sendable, Hashable {
    /// Registers `url` for `events`, signed with `secret`. `createdID` is the endpoint's id.
    case register(org: String, url: String, events: Set<WebhookEvent>, secret: String)
    /// Stops deliveries to an endpoint; those still pending are dropped as failed.
    case remove(org: String, endpoint: Int64)
    /// Replaces an endpoint's secret; deliveries not yet sent are signed with the new one.
    case rotateSecret(org: String, endpoint: Int64, secret: String)

    public var org: String {
        switch self {
        case .register(let org, _, _, _), .remove(let org, _), .rotateSecret(let org, _, _): org
        }
    }

    /// Calls `body` with each text of the command and what it is, like `Command.forEachText`.
    func forEachText(_ body: (String, String) throws -> Void) rethrows {
        try body(org, "organization name")
        switch self {
        case .register(_, let url, _, let secret):
            try body(url, "webhook URL")
            try body(secret, "webhook secret")
        case .rotateSecret(_, _, let secret): try body(secret, "webhook secret")
        case .remove: break
        }
    }
}
