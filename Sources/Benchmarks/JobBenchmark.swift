import Engine
import Foundation

/// `tix-dev bench jobs`: scheduled crafts completed per second through the worker's `runDueJobs`, each
/// with its ledger effects (inputs burned from escrow, outputs issued), against the engine's plain
/// transfer rate in the same run.
///
/// The crafts are started first (not timed) on a manual clock; the clock then jumps past their due
/// time and the worker's command runs until the queue is empty, as after a long outage.
public struct JobBenchmark: Sendable {
    public struct Figures: Sendable {
        public var transfersPerSecond: Double
        public var jobsPerSecond: Double
    }

    public var jobs = 100_000
    public var players = 100
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public func run() async throws -> Figures {
        let (rules, recipes) = try scripts()
        let transfers = try await BatchedLoad.scratchEngine(in: directory, rules: nil, setup: LedgerBenchmark.players(players))
        let transferRate = try await BatchedLoad(submitters: 4, batchSize: 1000)
            .rate(LedgerBenchmark.transfers(jobs, among: players), on: transfers)
        transfers.close()

        let clock = ManualClock()
        let engine = try Engine(
            path: directory.appendingPathComponent("jobs-\(UUID()).sqlite").path, clock: clock, rules: rules, recipes: recipes,
            logger: BatchedLoad.quietLogger)
        defer { engine.close() }
        let setup = LedgerBenchmark.players(players)
            + [Submission(actor: Submission.admin, key: "ore", command: .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))]
            + (0..<players).flatMap { n in
                [Submission(actor: Submission.admin, key: "ore\(n)", command: .mint(to: "p\(n)", asset: "ore", amount: Int64(jobs))),
                 Submission(actor: "p\(n)", key: "factory", command: .buildFactory(account: "p\(n)", name: "Line"))]
            }
        for result in await engine.submit(setup) { _ = try result.get() }
        let crafts = (0..<jobs).map { n in
            Submission(actor: "p\(n % players)", key: "craft\(n)",
                       command: .startCraft(account: "p\(n % players)", factory: Int64(n % players + 1), recipe: "widget"))
        }
        _ = try await BatchedLoad(submitters: 4, batchSize: 1000).rate(crafts, on: engine)

        clock.advance(by: 60_000)
        let start = ContinuousClock.now
        var completed = 0
        while let receipt = try? await engine.submit(
            Submission(actor: Submission.admin, key: "run\(completed)", command: .runDueJobs))
        {
            completed += receipt.postings.count / 2
        }
        let jobRate = Double(completed) / (ContinuousClock.now - start).seconds
        guard completed == jobs else { throw BenchmarkFailure("\(completed) of \(jobs) crafts completed") }
        return Figures(transfersPerSecond: transferRate, jobsPerSecond: jobRate)
    }

    /// A one-input recipe and factories with room for every craft at once.
    private func scripts() throws -> (rules: URL, recipes: URL) {
        let rules = directory.appendingPathComponent("rules")
        let recipes = directory.appendingPathComponent("recipes")
        for folder in [rules, recipes] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try "function modifiers(f) return { slots = 1000000, speed_pct = 100 } end"
            .write(to: rules.appendingPathComponent("production.lua"), atomically: true, encoding: .utf8)
        try "recipe = { name = 'Widget', inputs = { ore = 1 }, outputs = { widget = 1 }, duration = 1000 }"
            .write(to: recipes.appendingPathComponent("widget.lua"), atomically: true, encoding: .utf8)
        return (rules, recipes)
    }
}
