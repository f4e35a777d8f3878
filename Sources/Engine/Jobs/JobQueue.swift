/// The `jobs` table as the state machine uses it.
struct JobQueue {
    let db: HotConnection

    /// Most attempts a failing job gets before it is given up; each retry waits twice as long.
    static let maxAttempts: Int64 = 5
    static let firstRetryMillis: Int64 = 60_000

    /// Queues `job` in the journal format of the entry that queues it; `owner` and `factory` let players
    /// list their jobs and factories count busy slots.
    func schedule(
        _ job: Job, dueAt: Int64, seq: Int64, format: JournalFormat, owner: Int64? = nil, factory: Int64? = nil
    ) throws -> Int64 {
        try db.run(
            """
            INSERT INTO jobs (kind, payload, due_at, state, attempts, created_seq, owner_id, factory_id, format)
            VALUES (?, ?, ?, 'pending', 0, ?, ?, ?, ?)
            """,
            .text(job.kind), .text(try job.payload(format)), .int(dueAt), .int(seq),
            owner.map(SQLArgument.int) ?? .null, factory.map(SQLArgument.int) ?? .null, .int(format.rawValue))
        return db.lastInsertedRowID
    }

    /// Pending jobs due at `at`, earliest first, at most `limit`.
    func due(at: Int64, limit: Int) throws -> [QueuedJob] {
        try db.all(
            """
            SELECT id, payload, format, due_at, attempts FROM jobs WHERE state = 'pending' AND due_at <= ?
            ORDER BY due_at, id LIMIT ?
            """,
            .int(at), .int(Int64(limit))
        ) {
            QueuedJob(
                id: $0.int(0), job: try Job.decode($0.text(1), format: try JournalFormat.stored($0.int(2))), dueAt: $0.int(3),
                state: .pending, attempts: $0.int(4))
        }
    }

    func pending(_ id: Int64) throws -> QueuedJob? {
        try db.first("SELECT payload, format, due_at, attempts FROM jobs WHERE id = ? AND state = 'pending'", .int(id)) {
            ($0.text(0), $0.int(1), $0.int(2), $0.int(3))
        }.map {
            QueuedJob(
                id: id, job: try Job.decode($0.0, format: try JournalFormat.stored($0.1)), dueAt: $0.2, state: .pending,
                attempts: $0.3)
        }
    }

    /// Keeps what a variable-yield craft made in its job, for whoever reads it later: from format 2 on
    /// the outputs are known only once it completes.
    func record(_ craft: Craft, made outputs: [ItemAmount], job id: Int64) throws {
        var made = craft
        made.outputs = outputs
        made.variableYield = false
        try db.run("UPDATE jobs SET payload = ? WHERE id = ?", .text(try Job.craft(made).payload(.current)), .int(id))
    }

    func finish(_ id: Int64, as state: QueuedJob.State, seq: Int64) throws {
        try db.run("UPDATE jobs SET state = ?, finished_seq = ? WHERE id = ?", .text(state.rawValue), .int(seq), .int(id))
    }

    /// Puts a failed job back with a doubled wait; false once it has had all its attempts.
    func retry(_ job: QueuedJob, at: Int64) throws -> Bool {
        let attempts = job.attempts + 1
        guard attempts < Self.maxAttempts else { return false }
        try db.run(
            "UPDATE jobs SET attempts = ?, due_at = ? WHERE id = ?",
            .int(attempts), .int(at + Self.firstRetryMillis << (attempts - 1)), .int(job.id))
        return true
    }

    /// Crafts running in a factory: what its slots are busy with.
    func runningCrafts(in factory: Int64) throws -> Int64 {
        try db.first(
            "SELECT COUNT(*) FROM jobs WHERE factory_id = ? AND state = 'pending' AND kind = 'craft'", .int(factory)
        ) { $0.int(0) } ?? 0
    }
}
