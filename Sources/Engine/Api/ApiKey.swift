/// An org's API key as `tix apikey list` and the HTTP API see it; the secret itself is never stored.
public struct ApiKey: Codable, Sendable, Hashable {
    public var id: Int64
    public var org: String
    public var scopes: [ApiScope]
    /// SHA-256 of the secret, hex.
    public var secretHash: String
    /// Ticket minor units one request may move at most; nil: no limit.
    public var maxPerRequest: Int64?
    /// Ticket minor units the key may move per journal day; nil: no limit.
    public var dailyCap: Int64?
    /// Journal time (ms) after which the key is refused; nil: never.
    public var expiresAt: Int64?
    public var revoked: Bool

    /// The journal actor of the key's requests: the org and the key id, e.g. `mc-server/key-3`. No
    /// account name holds a `/`, so this names no player.
    public static func actor(org: String, id: Int64) -> String { "\(org)/key-\(id)" }

    public var actor: String { Self.actor(org: org, id: id) }

    /// The key id in an actor written by ``actor(org:id:)`` for `org`; nil for any other actor.
    static func id(ofActor actor: String, org: String) -> Int64? {
        let prefix = "\(org)/key-"
        return actor.hasPrefix(prefix) ? Int64(actor.dropFirst(prefix.count)) : nil
    }

    /// The bearer token handed out once: `tix_<id>_<secret>`. The id finds the key, the secret proves it.
    public static func token(id: Int64, secret: String) -> String { "tix_\(id)_\(secret)" }

    /// The id and secret of a bearer token, if it is one.
    public static func parse(token: String) -> (id: Int64, secret: String)? {
        let parts = token.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, parts[0] == "tix", let id = Int64(parts[1]), !parts[2].isEmpty else { return nil }
        return (id, String(parts[2]))
    }
}

/// A player's consent that an org may charge them up to `daily` ticket minor units a day.
public struct Allowance: Codable, Sendable, Hashable {
    public var player: String
    public var org: String
    public var daily: Int64
    /// Charged today (journal day), in ticket minor units.
    public var spentToday: Int64
}
