import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Logging

/// A ledger with a history to chart: players joining over a year, claiming daily rewards, paying each
/// other (fees and sinks from the rules) and swapping at the starting pools, on a manual clock one day
/// at a time, submitted in batches of 1000 so a million entries take minutes. For the dashboard's
/// page times on a big ledger (BENCHMARKS.md).
struct Economy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate a year-long economy for dashboard measurements.")
    @Option(help: "The database file (should not exist yet).") var db = "data/economy.sqlite"
    @Option(help: "The rules directory (fees, sinks, rewards, pools).") var rules = "rules"
    @Option(help: "Journal entries to write, about.") var entries = 1_000_000
    @Option(help: "Days of history, ending today.") var days = 365
    @Option(help: "Players by the last day (they join evenly over the days).") var players = 2_000
    @Option(help: "Seed of the random choices.") var seed: UInt64 = 1

    func run() async throws {
        let day: Int64 = 86_400_000
        let clock = ManualClock(Int64(Date().timeIntervalSince1970 * 1000) / day * day - Int64(days - 1) * day)
        var logger = Logger(label: "tix-dev.economy")
        logger.logLevel = .warning
        let directory = URL(fileURLWithPath: rules)
        let engine = try Engine(path: db, clock: clock, rules: directory, logger: logger)
        defer { engine.close() }
        let seeds = try PoolSeed.read(directory: directory)
        _ = try await engine.seedPools(seeds)
        let pools = seeds.map(\.asset)
        var random = SplitMix64(state: seed)
        var joined: [String] = []
        var written = 0
        let perDay = max(1, entries / days)
        for number in 0..<days {
            var batch: [Submission] = []
            while joined.count < players * (number + 1) / days {
                let name = "p\(joined.count)"
                joined.append(name)
                batch.append(.init(actor: Submission.admin, key: "open-\(name)", command: .openAccount(name: name, kind: .player)))
                batch.append(.init(actor: Submission.admin, key: "fund-\(name)", command: .mint(to: name, asset: "TIX", amount: 50_000)))
            }
            while batch.count < perDay {
                let player = joined.randomElement(using: &random)!
                let key = "\(number)-\(batch.count)"
                switch Int.random(in: 0..<20, using: &random) {
                case 0:
                    batch.append(.init(actor: player, key: "daily-\(key)", command: .claimReward(account: player, kind: .daily)))
                case 1 where !pools.isEmpty:
                    batch.append(.init(actor: player, key: "swap-\(key)", command: .swap(Swap(
                        account: player, asset: pools.randomElement(using: &random)!, side: .buy, exact: .input,
                        amount: .random(in: 100...2_000, using: &random), limit: 1))))
                default:
                    let payee = joined.randomElement(using: &random)!
                    guard payee != player else { continue }
                    batch.append(.init(actor: player, key: "pay-\(key)", command: .transfer(
                        from: player, to: payee, asset: "TIX", amount: .random(in: 1...3_000, using: &random))))
                }
            }
            for start in stride(from: 0, to: batch.count, by: 1000) {
                let results = await engine.submit(Array(batch[start..<min(start + 1000, batch.count)]))
                written += results.count { (try? $0.get()) != nil }
            }
            clock.advance(by: day)
            if number % 30 == 0 { print("day \(number + 1)/\(days): \(written) entries") }
        }
        print("\(written) journal entries in \(db)")
    }
}
