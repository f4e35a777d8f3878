/// Timed work on the one persistent queue: crafts finishing, orders expiring, and the kinds to come
/// (vote closings, assembly lines). A job is data, run by the `runDueJobs` command, so its effect is
/// journaled and applied exactly once, in the transaction that marks it done.
public enum Job: Codable, Sendable, Hashable {
    /// A craft in a factory; its inputs wait in escrow until it completes or is cancelled.
    case craft(Craft)
    /// A market order's expiry: if still open, it leaves the book and its escrow returns.
    case expireOrder(Int64)

    var kind: String {
        switch self {
        case .craft: "craft"
        case .expireOrder: "expireOrder"
        }
    }
}

/// A job as the queue holds it.
public struct QueuedJob: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable {
        case pending, done, cancelled, failed
    }

    public var id: Int64
    public var job: Job
    public var dueAt: Int64
    public var state: State
    public var attempts: Int64
}

/// A craft as it was started: the recipe version's inputs, outputs and duration are copied in, so a
/// recipe file that changes, breaks or disappears later cannot change a craft already running.
public struct Craft: Codable, Sendable, Hashable {
    public var account: String
    public var factory: Int64
    public var recipe: String
    /// SHA-256 of the recipe file it started with.
    public var version: String
    public var inputs: [ItemAmount]
    public var outputs: [ItemAmount]
    /// Milliseconds, after the factory's speed.
    public var duration: Int64
    /// Start the same craft again on completion, while the inputs last.
    public var repeats: Bool
}
