import ArgumentParser
import Bot
import Engine
import Foundation
import LuaBridge

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures and same-run ratios.", subcommands: [LedgerBench.self, RulesBench.self, MarketBench.self, BotBench.self])
}

struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Durable transfers/s through the engine against raw SQLite.")
    @Option(help: "Transfers per measurement.") var transfers = 100_000
    @Option(help: "Concurrent batch submitters.") var submitters = 4
    @Option(help: "Commands per submitted batch.") var batch = 1000
    @Option(help: "Where the scratch databases go.") var dir = NSTemporaryDirectory()
    @Option(help: "Rules directory (fees on every transfer); 'none' for no rules.") var rules = "rules"

    func run() async throws {
        let scratch = URL(fileURLWithPath: dir).appendingPathComponent("tix-bench-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var bench = LedgerBenchmark(directory: scratch)
        bench.transfers = transfers
        bench.submitters = submitters
        bench.batchSize = batch
        bench.rules = rules == "none" ? nil : URL(fileURLWithPath: rules, isDirectory: true)
        print("rules: \(bench.rules.map { "\($0.path) (fee and sink rules on every transfer)" } ?? "none")")
        let f = try await bench.run()
        let fmt = { (x: Double) in String(format: "%.0f", x) }
        print("raw sqlite (same rows, prepared statements, batches of 1000): \(fmt(f.rawPerSecond)) rows/s")
        print("engine, \(submitters) submitters x batches of \(batch): \(fmt(f.batchedPerSecond)) transfers/s")
        print("engine, \(bench.inFlight) one-at-a-time submitters: \(fmt(f.concurrentPerSecond)) transfers/s"
            + " (ratio \(String(format: "%.2f", f.concurrentPerSecond / f.rawPerSecond)))")
        print("single submitter latency (durable): p50 \(fmt(f.latencyP50Micros)) µs, p99 \(fmt(f.latencyP99Micros)) µs")
        print("ledger: \(fmt(f.batchedPerSecond)) transfers/s, raw sqlite: \(fmt(f.rawPerSecond))/s, ratio "
            + String(format: "%.2f", f.batchedPerSecond / f.rawPerSecond))
    }
}

struct RulesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Fee-rule calls/s through the sandboxed bridge against a bare lua_pcall.")
    @Option(help: "Calls per measurement.") var calls = 1_000_000

    func run() async throws {
        let (bridged, bare) = try RuleCallBenchmark.run(iterations: calls)
        print("bare lua_pcall (plain state, no hook, table built once): \(String(format: "%.0f", bare)) calls/s")
        print("bridge (sandbox, instruction hook, memory cap, context converted): \(String(format: "%.0f", bridged)) calls/s")
        print("rules: \(String(format: "%.0f", bridged)) calls/s, bare: \(String(format: "%.0f", bare))/s, ratio "
            + String(format: "%.2f", bridged / bare))
    }
}

struct MarketBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market", abstract: "Market commands/s through the engine against its plain transfer rate.")
    @Option(help: "Commands per measurement.") var commands = 50_000
    @Option(help: "Where the scratch databases go.") var dir = NSTemporaryDirectory()
    @Option(help: "Rules directory; 'none' for no rules.") var rules = "rules"

    func run() async throws {
        let scratch = URL(fileURLWithPath: dir).appendingPathComponent("tix-bench-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var bench = MarketBenchmark(directory: scratch)
        bench.commands = commands
        bench.rules = rules == "none" ? nil : URL(fileURLWithPath: rules, isDirectory: true)
        let f = try await bench.run()
        let fmt = { (x: Double) in String(format: "%.0f", x) }
        print("plain transfers (baseline): \(fmt(f.transfersPerSecond))/s")
        print("market: \(fmt(f.ordersPerSecond)) orders/s (half fill), transfers: \(fmt(f.transfersPerSecond))/s, ratio "
            + String(format: "%.2f", f.ordersPerSecond / f.transfersPerSecond))
    }
}

struct BotBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bot", abstract: "Telegram updates/s end to end through a local Bot API against direct engine commands.")
    @Option(help: "Updates per measurement.") var updates = 10_000
    @Option(help: "Where the scratch databases go.") var dir = NSTemporaryDirectory()
    @Option(help: "Rules directory; 'none' for no rules.") var rules = "rules"

    func run() async throws {
        let scratch = URL(fileURLWithPath: dir).appendingPathComponent("tix-bench-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var bench = BotBenchmark(directory: scratch)
        bench.updates = updates
        bench.rules = rules == "none" ? nil : URL(fileURLWithPath: rules, isDirectory: true)
        let f = try await bench.run()
        let fmt = { (x: Double) in String(format: "%.0f", x) }
        print("engine direct, \(bench.inFlight) market orders in flight: \(fmt(f.commandsPerSecond)) commands/s")
        print("bot: \(fmt(f.updatesPerSecond)) updates/s (getUpdates → engine → sendMessage, no rate limits), engine: "
            + "\(fmt(f.commandsPerSecond))/s, ratio " + String(format: "%.2f", f.updatesPerSecond / f.commandsPerSecond))
    }
}
