/// `runDueJobs`: the worker's command. Each due job runs in a savepoint of its own; a job that fails
/// is rolled back alone and retried later with a doubled wait, and given up after its last attempt.
extension Ledger {
    /// Jobs one command runs at most, so one commit stays short.
    static let jobsPerRun = 1000

    func runDueJobs(seq: Int64, at: Int64, format: JournalFormat, in db: HotConnection) throws -> [Posting] {
        let queue = JobQueue(db: db)
        let due = try queue.due(at: at, limit: Self.jobsPerRun)
        guard !due.isEmpty else { throw Rejection.nothingDue }
        var postings: [Posting] = []
        for job in due {
            do {
                postings += try atomically(db) {
                    // Done first, so a repeating craft's next round finds its slot free.
                    try queue.finish(job.id, as: .done, seq: seq)
                    return try run(job, seq: seq, at: at, format: format, queue, db)
                }
            } catch {
                if try !queue.retry(job, at: at) {
                    postings += try giveUp(job, seq: seq, db)
                    try queue.finish(job.id, as: .failed, seq: seq)
                }
            }
        }
        return postings
    }

    private func run(
        _ job: QueuedJob, seq: Int64, at: Int64, format: JournalFormat, _ queue: JobQueue, _ db: HotConnection
    ) throws -> [Posting] {
        switch job.job {
        case .craft(let craft): try complete(craft, job: job.id, dueAt: job.dueAt, seq: seq, format: format, db)
        case .expireOrder(let order): try expire(order, seq: seq, in: db)
        case .advanceProposal(let proposal): try advance(proposal, seq: seq, at: at, format: format, in: db)
        case .line(let line): try tick(line, seq: seq, at: at, format: format, db)
        case .payroll(let org): try payday(org, dueAt: job.dueAt, seq: seq, format: format, db)
        }
    }

    /// What a job that can never succeed hands back: a craft's inputs return to its owner, a proposal
    /// expires with its deposit refunded; a line's tick or a payday holds nothing.
    private func giveUp(_ job: QueuedJob, seq: Int64, _ db: HotConnection) throws -> [Posting] {
        switch job.job {
        case .craft(let craft): try returnInputs(craft, seq: seq, db)
        case .advanceProposal(let proposal): try expireProposal(proposal, seq: seq, db)
        case .expireOrder, .line, .payroll: []
        }
    }
}
