import Metrics

/// What the writer reports through swift-metrics (`/metrics` under `tix serve`; nothing elsewhere).
/// Made once per committer, so a commit records into existing metrics and allocates nothing for them.
struct EngineMetrics {
    /// Group-commit latency, from the first statement to the durable COMMIT.
    let commitDuration = Timer(label: "tix_commit_duration_seconds", preferredDisplayUnit: .seconds)
    /// Submissions per group commit.
    let batchSize = Recorder(label: "tix_commit_batch_size")
    /// Batches applied a second time with a savepoint per command, because one failed after writing
    /// (a repeated idempotency key, a refusal deep in a craft): each costs a rollback and a second pass.
    let reapplied = Counter(label: "tix_commit_reapplied_total")

    /// A refused command, by the refusal's code (`insufficientFunds`...): made on the refusal only.
    static func refused(_ error: any Error) {
        let reason = (error as? Rejection)?.code ?? "error"
        Counter(label: "tix_refusals_total", dimensions: [("reason", reason)]).increment()
    }
}
