import Dashboard
import Engine
import Foundation
import Logging
import LuaBridge

/// One run of the economy: `players` synthetic players of the mix over `days` days, against the real
/// engine (ledger, rules, AMM, market, job queue, Parliament, organisations) on a manual clock, in a
/// scratch database. Commands go in batches of `batch` (the engine's group commit), each round of a day
/// in player order, so the same seed and rules give the same journal, to the head hash.
public struct Simulation: Sendable {
    public var players: Int
    public var days: Int
    public var mix: PlayerMix
    public var seed: UInt64
    public var tuning: Tuning
    public var batch = 1000

    /// Midnight UTC of the first simulated day: fixed, so runs compare (2023-11-15).
    static let firstDay: Int64 = 19_676
    /// Rounds of a day, 11 seconds apart (the tap reward wants 10 between taps).
    static let rounds = 8
    static let roundMillis: Int64 = 11_000

    public init(players: Int, days: Int, mix: PlayerMix, seed: UInt64, tuning: Tuning = Tuning()) {
        self.players = players
        self.days = days
        self.mix = mix
        self.seed = seed
        self.tuning = tuning
    }

    /// Runs one variant of the rules in a fresh database at `path`; `progress` hears each finished day.
    public func run(
        variant: String, rules: URL, recipes: URL?, path: String, progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> VariantResult {
        let problems = ScriptCheck.problems(with: try ScriptFile.all(in: rules), compiled: RuleCheck.check(directory: rules))
        guard problems.isEmpty else { throw SimulationError.brokenRules(rules.path, problems) }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var logger = Logger(label: "tix.simulate")
        logger.logLevel = .warning
        let clock = ManualClock(Self.firstDay * UTCDate.dayMillis)
        let engine = try Engine(path: path, clock: clock, durability: .normal, rules: rules, recipes: recipes, logger: logger)
        defer { engine.close() }
        let started = ContinuousClock.now
        _ = try await engine.seedPools(try PoolSeed.read(directory: rules))

        var random = SplitMix64(state: seed)
        var cast = (0..<players).map { SimulatedPlayer(name: String(format: "p%05d", $0), audience: mix.audience(of: $0, count: players)) }
        let names = cast.map(\.name)
        let factory = FactoryRun(tuning: tuning)
        let behaviours: [Audience: any Behaviour] = [
            .tapper: Tapper(tuning: tuning), .consumer: Consumer(factory: factory),
            .proactive: Proactive(factory: factory, tuning: tuning),
        ]
        var counts = (applied: 0, refused: 0)
        var proposals: [Int64] = []
        var distribution: [[Table.Cell]] = []
        let opened = await engine.submit(names.map {
            Submission(actor: Submission.admin, key: "open-\($0)", command: .openAccount(name: $0, kind: .player))
        })
        counts.applied += opened.count { (try? $0.get()) != nil }

        for day in 0..<days {
            // Rounds start at 08:00 of the day.
            let morning = (Self.firstDay + Int64(day)) * UTCDate.dayMillis + 8 * 3_600_000
            clock.advance(by: morning - clock.now())
            let (orePrice, woodPrice) = (try spot("ore", engine), try spot("wood", engine))
            for round in 0..<Self.rounds {
                var batch = [Submission(actor: Submission.admin, key: "jobs-\(day)-\(round)", command: .runDueJobs)]
                var owners = [-1]
                let world = World(
                    day: day, round: round, now: clock.now(), orePrice: orePrice, woodPrice: woodPrice, names: names,
                    proposals: proposals)
                for index in cast.indices {
                    for (number, command) in behaviours[cast[index].audience]!.moves(cast[index], in: world, random: &random).enumerated() {
                        batch.append(Submission(actor: cast[index].name, key: "\(day)-\(round)-\(number)", command: command))
                        owners.append(index)
                    }
                }
                for start in stride(from: 0, to: batch.count, by: self.batch) {
                    let end = min(start + self.batch, batch.count)
                    let results = await engine.submit(Array(batch[start..<end]))
                    for (offset, result) in results.enumerated() {
                        guard case .success(let receipt) = result else { counts.refused += 1; continue }
                        counts.applied += 1
                        let owner = owners[start + offset]
                        guard owner >= 0 else { continue }
                        let command = batch[start + offset].command
                        cast[owner].learn(command, receipt, day: day)
                        if case .propose = command, let id = receipt.createdID { proposals.append(id) }
                    }
                }
                clock.advance(by: Self.roundMillis)
            }
            distribution.append(try dayDistribution(day, engine))
            progress(day + 1)
        }
        let elapsed = ContinuousClock.now - started
        return try VariantResult(
            name: variant, engine: engine, firstDay: Self.firstDay, days: days, applied: counts.applied,
            refused: counts.refused, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            distribution: distribution)
    }

    /// Tickets (minor units) one item costs at the pool's spot price, at least 1; 1 without a pool.
    private func spot(_ asset: String, _ engine: Engine) throws -> Int64 {
        guard let pool = try engine.reader.pool(of: asset), pool.reserveItems > 0 else { return 1 }
        return max(1, pool.reserveTickets / pool.reserveItems)
    }

    /// The players' Gini and median at the end of a day, with the dashboard's own distribution series.
    private func dayDistribution(_ day: Int, _ engine: Engine) throws -> [Table.Cell] {
        let context = SeriesContext(reader: engine.reader, book: .empty, range: 0...0)
        let table = try SeriesRegistry.standard.series(named: "distribution")!.table(in: context)
        let row = table.rows[0]
        func cell(_ column: String) -> Table.Cell { row[table.columns.firstIndex(of: column)!] }
        return [.text(UTCDate.text(Self.firstDay + Int64(day))), cell("gini"), cell("median"), cell("total")]
    }
}
