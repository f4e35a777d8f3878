import Engine
import Foundation
import GRDB

/// `tix-dev bench ledger`: the engine's durable transfer rate against the raw SQLite ceiling, in one run.
///
/// The ceiling writes the same rows a transfer writes (journal entry, posting, two balances) with plain
/// prepared statements in transactions of 1000, on a pool opened as the engine's is, each commit flushed.
/// What the engine adds on top (validation, savepoints, canonical encoding, the hash chain, group commit,
/// async hand-off) is what the ratio measures. With `rules`, every transfer also calls the fee and sink rules, and
/// the ceiling writes the fee's posting and the sink's balance too.
public struct LedgerBenchmark: Sendable {
    public struct Figures: Sendable {
        /// Submitters sending batches of `batchSize` (the front ends' fast path).
        public var batchedPerSecond: Double
        /// Submitters sending one command at a time, many in flight.
        public var concurrentPerSecond: Double
        public var rawPerSecond: Double
        public var latencyP50Micros: Double
        public var latencyP99Micros: Double
        /// Bytes sent to storage per batched transfer, the final checkpoint at close included (nil where
        /// the kernel does not count them).
        public var bytesPerTransfer: Double?
        /// CPU time of the writer thread per batched transfer, in microseconds (nil without `/proc`).
        public var writerMicrosPerTransfer: Double?
    }

    public var transfers = 100_000
    /// As many as the Redis peer's clients. Each waits for its batch's answer before sending the next: with
    /// only one commit's worth in flight (4 × 1,000) the writer idles while answers go back and the next
    /// batches are made.
    public var submitters = 8
    public var batchSize = 1000
    public var inFlight = 256
    public var latencySamples = 2000
    public var accounts = 1000
    /// Each payer submits their own transfers, as through the bot: the idempotency keys then belong
    /// to many actors.
    public var playersSubmit = false
    /// Each rate is measured this many times, interleaved, and the median kept: the machines are noisy.
    public var rounds = 3
    public var directory: URL
    /// The rules directory the engine runs with; nil runs without fees.
    public var rules: URL?

    public init(directory: URL) { self.directory = directory }

    /// Big enough that the shipped fee rule charges a fee on every transfer.
    static let amount: Int64 = 10_000
    static let fee: Int64 = 50

    public func run() async throws -> Figures {
        var raw: [Double] = []
        var batched: [(rate: Double, bytes: Double?, writer: Double?)] = []
        var concurrent: [Double] = []
        for _ in 0..<rounds {
            raw.append(try rawCeiling())
            batched.append(try await batchedRate())
            concurrent.append(try await concurrentRate())
        }
        let (p50, p99) = try await latency()
        return Figures(
            batchedPerSecond: batched.map(\.rate).median, concurrentPerSecond: concurrent.median, rawPerSecond: raw.median,
            latencyP50Micros: p50, latencyP99Micros: p99, bytesPerTransfer: batched.compactMap(\.bytes).nonEmptyMedian,
            writerMicrosPerTransfer: batched.compactMap(\.writer).nonEmptyMedian)
    }


    /// The rate, the bytes written per transfer from the first submission to the engine's close, and the
    /// writer thread's CPU microseconds per transfer.
    private func batchedRate() async throws -> (rate: Double, bytes: Double?, writer: Double?) {
        let engine = try await freshEngine()
        let before = StorageWrites.total()
        let cpuBefore = ThreadCPU.seconds(named: Engine.writerThreadName)
        let rate = try await BatchedLoad(submitters: submitters, batchSize: batchSize).rate(transferSubmissions(), on: engine)
        let cpuAfter = ThreadCPU.seconds(named: Engine.writerThreadName)
        engine.close()
        let writer = cpuBefore.flatMap { b in cpuAfter.map { ($0 - b) * 1e6 / Double(transfers) } }
        guard let before, let after = StorageWrites.total() else { return (rate, nil, writer) }
        return (rate, Double(after - before) / Double(transfers), writer)
    }

    private func concurrentRate() async throws -> Double {
        let engine = try await freshEngine()
        defer { engine.close() }
        let submissions = transferSubmissions()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let perTask = submissions.count / inFlight
            for t in 0..<inFlight {
                group.addTask {
                    for submission in submissions[t * perTask..<(t + 1) * perTask] {
                        _ = try await engine.submit(submission)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(submissions.count / inFlight * inFlight) / (ContinuousClock.now - start).seconds
    }

    /// p50 and p99 of one submitter waiting for each durable commit in turn, in microseconds.
    private func latency() async throws -> (Double, Double) {
        let engine = try await freshEngine()
        defer { engine.close() }
        var samples: [Double] = []
        for submission in transferSubmissions().prefix(latencySamples) {
            let start = ContinuousClock.now
            _ = try await engine.submit(submission)
            samples.append((ContinuousClock.now - start).seconds * 1e6)
        }
        samples.sort()
        return (samples[samples.count / 2], samples[samples.count * 99 / 100])
    }

    private func transferSubmissions() -> [Submission] { Self.transfers(transfers, among: accounts, fromPlayers: playersSubmit) }

    /// `count` transfers of 100 tickets between the players of ``players(_:)``, submitted by the admin,
    /// or `fromPlayers` by each payer under a key like the bot's (Telegram's growing update ids).
    static func transfers(_ count: Int, among accounts: Int, fromPlayers: Bool = false) -> [Submission] {
        (0..<count).map { n in
            let payer = "p\(n % accounts)"
            return Submission(
                actor: fromPlayers ? payer : Submission.admin,
                key: fromPlayers ? "tg-update-\(100_000_000 + n)" : "t\(n)",
                command: .transfer(from: payer, to: "p\((n * 7 + 1) % accounts)", asset: Asset.ticket.code, amount: Self.amount))
        }
    }

    /// A scratch engine with `accounts` funded players, `p0`, `p1`, ...
    private func freshEngine() async throws -> Engine {
        try await BatchedLoad.scratchEngine(in: directory, rules: rules, setup: Self.players(accounts))
    }

    /// Opens and funds `count` players, `p0`, `p1`, ...
    static func players(_ count: Int) -> [Submission] {
        (0..<count).flatMap { n in
            [Submission(actor: Submission.admin, key: "open\(n)", command: .openAccount(name: "p\(n)", kind: .player)),
             Submission(actor: Submission.admin, key: "fund\(n)", command: .mint(to: "p\(n)", asset: Asset.ticket.code, amount: 1_000_000_000))]
        }
    }

    /// The same rows as `transfers` engine transfers, from plain prepared statements in batches of 1000.
    private func rawCeiling() throws -> Double {
        let pool = try SQLiteTuning.openPool(path: directory.appendingPathComponent("raw-\(UUID()).sqlite").path)
        // The engine's syncer flushes each commit after it; the ceiling flushes each in its COMMIT.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        try Schema.migrator.migrate(pool)
        let command = try Canonical.encode(Command.transfer(from: "p1", to: "p2", asset: Asset.ticket.code, amount: Self.amount))
        let postings = [Posting(id: 1, from: "p1", to: "p2", asset: "TIX", amount: Self.amount)]
            + (rules == nil ? [] : [Posting(id: 2, from: "p1", to: "sink", asset: "TIX", amount: Self.fee)])
        let result = Canonical.encode(Receipt(seq: 1, at: 0, postings: postings))
        let sink: Int64 = 2
        let hash = [UInt8](repeating: 7, count: 32)
        let statements = StatementCache()
        let firstID = try pool.write { database in
            let db = HotConnection(database, statements: statements)
            for n in 0..<accounts {
                try db.run("INSERT INTO accounts (name, kind, created_at) VALUES (?, 'player', 0)", .text("p\(n)"))
            }
            return db.lastInsertedRowID - Int64(accounts) + 1
        }
        // Entries name their rule versions by the id of a stored set, as the engine's do.
        let ruleSet: Int64? = rules == nil ? nil : try pool.write { database in
            try database.execute(sql: "INSERT INTO rule_sets (versions) VALUES ('fees.lua@\(String(repeating: "a", count: 64)),sinks.lua@\(String(repeating: "b", count: 64))')")
            return database.lastInsertedRowID
        }
        let submitted = transferSubmissions()  // their actors and keys
        let start = ContinuousClock.now
        for batch in stride(from: 0, to: transfers, by: 1000) {
            try pool.write { database in
                let db = HotConnection(database, statements: statements)
                for n in batch..<min(batch + 1000, transfers) {
                    let seq = Int64(n + 1)
                    try db.run(
                        "INSERT INTO journal (seq, at, actor, key, command, result, rules, rule_set, hash) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)",
                        .int(seq), .int(seq), .text(submitted[n].actor), .text(submitted[n].key), .text(command), .text(result),
                        ruleSet.map(SQLArgument.int) ?? .null, .blob(hash))
                    try db.run(
                        "INSERT INTO postings (seq, debit_id, credit_id, asset_id, amount) VALUES (?, ?, ?, 1, ?)",
                        .int(seq), .int(firstID + Int64(n % accounts)), .int(firstID + Int64((n * 7 + 1) % accounts)),
                        .int(Self.amount))
                    if rules != nil {
                        try db.run(
                            "INSERT INTO postings (seq, debit_id, credit_id, asset_id, amount) VALUES (?, ?, ?, 1, ?)",
                            .int(seq), .int(firstID + Int64(n % accounts)), .int(sink), .int(Self.fee))
                        try db.run(
                            """
                            INSERT INTO balances (account_id, asset_id, amount) VALUES (?, 1, ?)
                            ON CONFLICT (account_id, asset_id) DO UPDATE SET amount = excluded.amount
                            """,
                            .int(sink), .int(seq))
                    }
                    for account in [n % accounts, (n * 7 + 1) % accounts] {
                        try db.run(
                            """
                            INSERT INTO balances (account_id, asset_id, amount) VALUES (?, 1, ?)
                            ON CONFLICT (account_id, asset_id) DO UPDATE SET amount = excluded.amount
                            """,
                            .int(firstID + Int64(account)), .int(seq))
                    }
                }
            }
        }
        return Double(transfers) / (ContinuousClock.now - start).seconds
    }
}
