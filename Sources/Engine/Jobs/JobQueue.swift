import GRDB

/// The `jobs` table as the state machine uses it.
///
/// A job's fields lie in columns (migration "v16 job columns"), read on the path every due job takes
/// at a fraction of the cost of decoding the JSON payload they replaced: a craft's own columns, its
/// inputs and outputs in `job_items`; any other job's one value in `subject` (an order, a proposal, a
/// line) or `account` (a payroll's org). `format` still records the journal format of the entry that
/// queued the job: the state hash shows each job as its payload in that format (``payload(_:)``).
struct JobQueue {
    let db: HotConnection

    /// Most attempts a failing job gets before it is given up; each retry waits twice as long.
    static let maxAttempts: Int64 = 5
    static let firstRetryMillis: Int64 = 60_000

    /// For reads outside the writer: statements prepared for this one read.
    init(reading db: Database) { self.db = HotConnection(db, statements: StatementCache()) }

    init(db: HotConnection) { self.db = db }

    /// Queues `job` in the journal format of the entry that queues it; `owner` and `factory` let players
    /// list their jobs and factories count busy slots.
    func schedule(
        _ job: Job, dueAt: Int64, seq: Int64, format: JournalFormat, owner: Int64? = nil, factory: Int64? = nil
    ) throws -> Int64 {
        guard format != .v1 || job.existedInFormatOne else {
            throw EncodingError.invalidValue(job, .init(codingPath: [], debugDescription: "format 1 has no \(job.kind) jobs"))
        }
        var (account, subject): (String?, Int64?) = (nil, nil)
        var craft: Craft?
        switch job {
        case .craft(let queued): (account, subject, craft) = (queued.account, queued.factory, queued)
        case .expireOrder(let id), .advanceProposal(let id), .line(let id): subject = id
        case .payroll(let org): account = org
        }
        try db.run(
            """
            INSERT INTO jobs (kind, due_at, state, attempts, created_seq, owner_id, factory_id, format,
                              account, subject, recipe, version, duration, repeats, variable_yield)
            VALUES (?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            .text(job.kind), .int(dueAt), .int(seq), owner.map(SQLArgument.int) ?? .null,
            factory.map(SQLArgument.int) ?? .null, .int(format.rawValue), account.map(SQLArgument.text) ?? .null,
            subject.map(SQLArgument.int) ?? .null, craft.map { .text($0.recipe) } ?? .null,
            craft.map { .text($0.version) } ?? .null, craft.map { .int($0.duration) } ?? .null,
            craft.map { .int($0.repeats ? 1 : 0) } ?? .null, craft.map { .int($0.variableYield ? 1 : 0) } ?? .null)
        let id = db.lastInsertedRowID
        if let craft {
            try insert(craft.inputs, output: false, job: id)
            try insert(craft.outputs, output: true, job: id)
        }
        return id
    }

    /// Pending jobs due at `at`, earliest first, at most `limit`. Their crafts' items are read in one
    /// statement for all of them, not one per job.
    func due(at: Int64, limit: Int) throws -> [QueuedJob] {
        let rows = try db.all(
            """
            SELECT id, due_at, attempts, state, format, kind, account, subject, recipe, version, duration, repeats,
                   variable_yield
            FROM jobs WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?
            """,
            .int(at), .int(Int64(limit)), read: StoredRow.init)
        let items = try items(of: rows.filter { $0.kind == "craft" }.map(\.id))
        return try rows.map { try $0.queued { items[$0] ?? ([], []) } }
    }

    /// Any job by id, with the journal format it was queued in.
    func job(_ id: Int64) throws -> (queued: QueuedJob, format: JournalFormat)? {
        try db.first(
            """
            SELECT id, due_at, attempts, state, format, kind, account, subject, recipe, version, duration, repeats,
                   variable_yield
            FROM jobs WHERE id = ?
            """,
            .int(id), read: StoredRow.init
        ).map { (try $0.queued { try items(of: [$0])[$0] ?? ([], []) }, try JournalFormat.stored($0.format)) }
    }

    func pending(_ id: Int64) throws -> QueuedJob? {
        try job(id).map(\.queued).flatMap { $0.state == .pending ? $0 : nil }
    }

    /// Keeps what a variable-yield craft made in its job, for whoever reads it later: from format 2 on
    /// the outputs are known only once it completes.
    func record(made outputs: [ItemAmount], job id: Int64) throws {
        try db.run("UPDATE jobs SET variable_yield = 0 WHERE id = ?", .int(id))
        try db.run("DELETE FROM job_items WHERE job_id = ? AND output = 1", .int(id))
        try insert(outputs, output: true, job: id)
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

    private func insert(_ items: [ItemAmount], output: Bool, job: Int64) throws {
        for (position, item) in items.enumerated() {
            try db.run(
                "INSERT INTO job_items (job_id, output, position, asset, amount) VALUES (?, ?, ?, ?, ?)",
                .int(job), .int(output ? 1 : 0), .int(Int64(position)), .text(item.asset), .int(item.amount))
        }
    }

    /// The inputs and outputs of each of `jobs` that has any, in their order: one statement however many jobs.
    private func items(of jobs: [Int64]) throws -> [Int64: (inputs: [ItemAmount], outputs: [ItemAmount])] {
        var items: [Int64: (inputs: [ItemAmount], outputs: [ItemAmount])] = [:]
        guard !jobs.isEmpty else { return items }
        try db.forEach(
            """
            SELECT job_id, output, asset, amount FROM job_items
            WHERE job_id IN (SELECT value FROM json_each(?)) ORDER BY job_id, output, position
            """,
            .text("[" + jobs.map(String.init).joined(separator: ",") + "]")
        ) { row in
            let (job, item) = (row.int(0), ItemAmount(asset: row.text(2), amount: row.int(3)))
            if row.int(1) == 0 {
                items[job, default: ([], [])].inputs.append(item)
            } else {
                items[job, default: ([], [])].outputs.append(item)
            }
        }
        return items
    }

    /// A `jobs` row in the column order of the queries above.
    private struct StoredRow {
        var id, dueAt, attempts, format: Int64
        var state, kind: String
        var account: String?
        var subject: Int64?
        var recipe, version: String
        var duration: Int64
        var repeats, variableYield: Bool

        init(_ row: RawRow) {
            (id, dueAt, attempts, state, format, kind) = (row.int(0), row.int(1), row.int(2), row.text(3), row.int(4), row.text(5))
            (account, subject, recipe, version) = (row.optionalText(6), row.optionalInt(7), row.text(8), row.text(9))
            (duration, repeats, variableYield) = (row.int(10), row.int(11) != 0, row.int(12) != 0)
        }

        func queued(items: (Int64) throws -> (inputs: [ItemAmount], outputs: [ItemAmount])) throws -> QueuedJob {
            QueuedJob(
                id: id, job: try job(items: items), dueAt: dueAt, state: QueuedJob.State(rawValue: state) ?? .pending,
                attempts: attempts)
        }

        private func job(items: (Int64) throws -> (inputs: [ItemAmount], outputs: [ItemAmount])) throws -> Job {
            switch kind {
            case "craft":
                let (inputs, outputs) = try items(id)
                return .craft(Craft(
                    account: try required(account), factory: try required(subject), recipe: recipe, version: version,
                    inputs: inputs, outputs: outputs, duration: duration, repeats: repeats, variableYield: variableYield))
            case "expireOrder": return .expireOrder(try required(subject))
            case "advanceProposal": return .advanceProposal(try required(subject))
            case "line": return .line(try required(subject))
            case "payroll": return .payroll(try required(account))
            default: throw VerificationFailure("job \(id) is of a kind this release does not know: \(kind)")
            }
        }

        private func required<T>(_ value: T?) throws -> T {
            guard let value else { throw VerificationFailure("job \(id), a \(kind), lacks a field") }
            return value
        }
    }
}
