/// Timed work on the one persistent queue: crafts finishing, orders expiring, and the kinds to come
/// (vote closings, assembly lines). A job is data, run by the `runDueJobs` command, so its effect is
/// journaled and applied exactly once, in the transaction that marks it done. Its payload encoding is
/// written out in `Job+Coding.swift`.
public enum Job: Sendable, Hashable {
    /// A craft in a factory; its inputs wait in escrow until it completes or is cancelled.
    case craft(Craft)
    /// A market order's expiry: if still open, it leaves the book and its escrow returns.
    case expireOrder(Int64)
    /// A proposal's next deadline: voting opens, voting closes, or the veto window ends. It moves the
    /// proposal on from whatever state it is in then, so a cancel or a veto needs no job taken back.
    case advanceProposal(Int64)
    /// A tick of an org's assembly line (its id): start what its stages can, then tick again.
    case line(Int64)
    /// An org's payday (its account name): wages from the treasury, then the next payday.
    case payroll(String)

    var kind: String {
        switch self {
        case .craft: "craft"
        case .expireOrder: "expireOrder"
        case .advanceProposal: "advanceProposal"
        case .line: "line"
        case .payroll: "payroll"
        }
    }
}

/// A job as the queue holds it.
public struct QueuedJob: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable {
        case pending = "pending", done = "done", cancelled = "cancelled", failed = "failed"
    }

    enum CodingKeys: String, CodingKey {
        case id = "id", job = "job", dueAt = "dueAt", state = "state", attempts = "attempts"
    }

    public var id: Int64
    public var job: Job
    public var dueAt: Int64
    public var state: State
    public var attempts: Int64
}

/// A craft as it was started: the recipe version's inputs, outputs and duration are copied in, so a
/// recipe file that changes, breaks or disappears later cannot change a craft already running.
public struct Craft: Sendable, Hashable {
    public var account: String
    public var factory: Int64
    public var recipe: String
    /// SHA-256 of the recipe file it started with.
    public var version: String
    public var inputs: [ItemAmount]
    /// What the craft makes; for a variable yield, what the recipe declares until the craft completes
    /// and its `yield(c)` decides (then the job keeps what it made).
    public var outputs: [ItemAmount]
    /// Milliseconds, after the factory's speed.
    public var duration: Int64
    /// Start the same craft again on completion, while the inputs last.
    public var repeats: Bool
    /// The recipe's `yield(c)` decides the outputs when the craft completes; nobody knows them before.
    public var variableYield: Bool = false
}
