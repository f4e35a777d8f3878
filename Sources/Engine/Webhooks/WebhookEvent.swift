/// What an org's webhook endpoint may subscribe to. Each event comes from one place where the engine
/// applies a command, so a delivery is written in the same transaction as what it reports. The names
/// are a public contract: add new ones, never rename one.
public enum WebhookEvent: String, Codable, Sendable, CaseIterable, Comparable {
    /// A `transfer` into the org's account (a player paying the org, a member's deposit).
    case transferReceived = "transfer.received"
    /// A craft of the org's (its own or an assembly line's) finished and its outputs are in the inventory.
    case craftCompleted = "craft.completed"
    /// The Parliament enacted a recipe (every subscribed org hears it, not only the inventor).
    case proposalEnacted = "proposal.enacted"
    /// One of the org's assembly lines ran out of an input and stopped starting crafts (once per stall).
    case lineStarved = "line.starved"
    /// One of the org's API keys charged a player (land rent...), within the player's allowance.
    case chargeSucceeded = "charge.succeeded"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// How the endpoints table stores a subscription: sorted names, comma-separated.
    static func stored(_ events: Set<WebhookEvent>) -> String { events.sorted().map(\.rawValue).joined(separator: ",") }

    static func events(stored: String) -> Set<WebhookEvent> {
        Set(stored.split(separator: ",").compactMap { WebhookEvent(rawValue: String($0)) })
    }
}
