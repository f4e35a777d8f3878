/// `runDueJobs`: the worker's command. A job that fails is rolled back alone and retried later with a
/// doubled wait, and given up after its last attempt.
///
/// Every job could run in a savepoint of its own, but a savepoint per job is most of the cost of a
/// simple one (SQLite truncates its in-memory statement journal on each release by walking it from the
/// start). So all due jobs first run in one savepoint; only if one of them fails is that pass taken
/// back and the jobs run again one by one, each in its own savepoint, with the rule calls' seeds and the
/// webhook ids rewound: the outcome is the same as if they had run one by one from the start.
extension Ledger {
    /// Jobs one command runs at most, so one commit stays short.
    static let jobsPerRun = 1000

    func runDueJobs(seq: Int64, at: Int64, format: JournalFormat, in db: HotConnection) throws -> [Posting] {
        let queue = JobQueue(db: db)
        let due = try queue.due(at: at, limit: Self.jobsPerRun)
        guard !due.isEmpty else { throw Rejection.nothingDue }
        let (calls, numbering) = (rules.calls, webhooks.numbering)
        do {
            return try atomically(db) { try due.flatMap { try runDone($0, seq: seq, at: at, format: format, queue, db) } }
        } catch {
            (rules.calls, webhooks.numbering) = (calls, numbering)
        }
        var postings: [Posting] = []
        for job in due {
            do {
                postings += try atomically(db) { try runDone(job, seq: seq, at: at, format: format, queue, db) }
            } catch {
                if try !queue.retry(job, at: at) {
                    postings += try giveUp(job, seq: seq, db)
                    try queue.finish(job.id, as: .failed, seq: seq)
                }
            }
        }
        return postings
    }

    /// Marks `job` done first, so a repeating craft's next round finds its slot free, then runs it.
    private func runDone(
        _ job: QueuedJob, seq: Int64, at: Int64, format: JournalFormat, _ queue: JobQueue, _ db: HotConnection
    ) throws -> [Posting] {
        try queue.finish(job.id, as: .done, seq: seq)
        return try run(job, seq: seq, at: at, format: format, queue, db)
    }

    private func run(
        _ job: QueuedJob, seq: Int64, at: Int64, format: JournalFormat, _ queue: JobQueue, _ db: HotConnection
    ) throws -> [Posting] {
        switch job.job {
        case .craft, .expireOrder: break
        // These read balances in SQL (eligibility, a line's inventory, a treasury): the rows must be current.
        case .advanceProposal, .line, .payroll: try balances.flush(db)
        }
        return switch job.job {
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
