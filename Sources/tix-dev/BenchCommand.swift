import ArgumentParser
import Benchmarks
import Foundation

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures and same-run ratios.",
        subcommands: [LedgerBench.self, RulesBench.self, MarketBench.self, JobsBench.self, BotBench.self, ApiBench.self])
}

struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Durable transfers/s through the engine against raw SQLite.")
    @Option(help: "Transfers per measurement.") var transfers = 100_000
    @Option(help: "Concurrent batch submitters.") var submitters = 8
    @Option(help: "Commands per submitted batch.") var batch = 1000
    @Option(help: "Players the transfers go between: the more, the more index pages each commit writes.") var players = 1000
    @Flag(help: "Each payer submits their own transfers under bot-like keys, instead of the admin.") var playersSubmit = false
    @OptionGroup var rules: BenchRules
    @OptionGroup var scratch: ScratchOptions

    func run() async throws {
        try await scratch.withScratch { directory in
            var bench = LedgerBenchmark(directory: directory)
            bench.transfers = transfers
            bench.accounts = players
            bench.playersSubmit = playersSubmit
            bench.submitters = submitters
            bench.batchSize = batch
            bench.rules = rules.directory
            print("rules: \(bench.rules.map { "\($0.path) (fee and sink rules on every transfer)" } ?? "none")")
            let f = try await bench.run()
            print("raw sqlite (same rows, prepared statements, batches of 1000): \(rate(f.rawPerSecond)) rows/s")
            print("engine, \(submitters) submitters x batches of \(batch): \(rate(f.batchedPerSecond)) transfers/s")
            print("engine, \(bench.inFlight) one-at-a-time submitters: \(rate(f.concurrentPerSecond)) transfers/s"
                + " (ratio \(ratio(f.concurrentPerSecond, f.rawPerSecond)))")
            if let bytes = f.bytesPerTransfer { print("bytes written per transfer (WAL and checkpoints): \(rate(bytes))") }
            if let writer = f.writerMicrosPerTransfer {
                print("writer thread CPU per transfer: \(String(format: "%.1f", writer)) µs")
            }
            print("single submitter latency (durable): p50 \(rate(f.latencyP50Micros)) µs, p99 \(rate(f.latencyP99Micros)) µs")
            print("ledger: \(rate(f.batchedPerSecond)) transfers/s, raw sqlite: \(rate(f.rawPerSecond))/s, ratio "
                + ratio(f.batchedPerSecond, f.rawPerSecond))
        }
    }
}

struct RulesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Fee-rule calls/s through the sandboxed bridge against a bare lua_pcall.")
    @Option(help: "Calls per measurement.") var calls = 1_000_000

    func run() async throws {
        let figures = try RuleCallBenchmark.run(iterations: calls)
        print("bare lua_pcall (plain state, no hook, table built once): \(rate(figures.bareCallsPerSecond)) calls/s")
        print("bridge (sandbox, instruction budget, memory cap, context converted): \(rate(figures.bridgedCallsPerSecond)) calls/s")
        print("rules: \(rate(figures.bridgedCallsPerSecond)) calls/s, bare: \(rate(figures.bareCallsPerSecond))/s, "
              + "ratio \(String(format: "%.2f", figures.ratio)) (median of 20 paired rounds)")
    }
}

struct MarketBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market", abstract: "AMM swaps/s and P2P orders/s through the engine against its plain transfer rate.")
    @Option(help: "Commands per measurement.") var commands = 50_000
    @Option(help: "Bids resting at the orders' price, which every sell then matches against.") var restingBids = 0
    @OptionGroup var rules: BenchRules
    @OptionGroup var scratch: ScratchOptions

    func run() async throws {
        try await scratch.withScratch { directory in
            var bench = MarketBenchmark(directory: directory)
            bench.commands = commands
            bench.restingBids = restingBids
            bench.rules = rules.directory
            let f = try await bench.run()
            print("plain transfers (baseline): \(rate(f.transfersPerSecond))/s")
            print("AMM swaps: \(rate(f.swapsPerSecond))/s (ratio \(ratio(f.swapsPerSecond, f.transfersPerSecond)))")
            print("market: \(rate(f.swapsPerSecond)) swaps/s, \(rate(f.ordersPerSecond)) orders/s (half fill), "
                + "transfers: \(rate(f.transfersPerSecond))/s, ratios \(ratio(f.swapsPerSecond, f.transfersPerSecond))"
                + " and \(ratio(f.ordersPerSecond, f.transfersPerSecond))")
        }
    }
}

struct JobsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Scheduled crafts completed/s through the worker against plain transfers/s.")
    @Option(help: "Crafts to schedule and complete.") var jobs = 100_000
    @OptionGroup var scratch: ScratchOptions

    func run() async throws {
        try await scratch.withScratch { directory in
            var bench = JobBenchmark(directory: directory)
            bench.jobs = jobs
            let f = try await bench.run()
            print("plain transfers (baseline): \(rate(f.transfersPerSecond))/s")
            print("jobs: \(rate(f.jobsPerSecond)) crafts completed/s, transfers: \(rate(f.transfersPerSecond))/s, ratio "
                + ratio(f.jobsPerSecond, f.transfersPerSecond))
        }
    }
}

struct BotBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bot", abstract: "Telegram updates/s end to end through a local Bot API against direct engine commands.")
    @Option(help: "Updates per measurement.") var updates = 10_000
    @OptionGroup var rules: BenchRules
    @OptionGroup var scratch: ScratchOptions

    func run() async throws {
        try await scratch.withScratch { directory in
            var bench = BotBenchmark(directory: directory)
            bench.updates = updates
            bench.rules = rules.directory
            let f = try await bench.run()
            print("engine direct, \(bench.inFlight) market orders in flight: \(rate(f.commandsPerSecond)) commands/s")
            print("bot: \(rate(f.updatesPerSecond)) updates/s (getUpdates → engine → sendMessage, no rate limits), engine: "
                + "\(rate(f.commandsPerSecond))/s, ratio " + ratio(f.updatesPerSecond, f.commandsPerSecond))
        }
    }
}

struct ApiBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api", abstract: "Authenticated POST /v1/pay per second over loopback against the same payments via Engine.submit.")
    @Option(help: "Payments per measurement.") var payments = 10_000
    @Option(help: "Concurrent keep-alive clients (and direct submitters).") var clients = 8
    @OptionGroup var rules: BenchRules
    @OptionGroup var scratch: ScratchOptions

    func run() async throws {
        try await scratch.withScratch { directory in
            var bench = ApiBenchmark(directory: directory)
            bench.payments = payments
            bench.clients = clients
            bench.rules = rules.directory
            let f = try await bench.run()
            print("engine direct, \(clients) one-at-a-time submitters: \(rate(f.submitsPerSecond)) payments/s")
            print("api: \(rate(f.requestsPerSecond)) POST /v1/pay/s (\(clients) keep-alive clients, idempotency keys), engine: "
                + "\(rate(f.submitsPerSecond))/s, ratio " + ratio(f.requestsPerSecond, f.submitsPerSecond))
        }
    }
}
