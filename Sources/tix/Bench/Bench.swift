import ArgumentParser
import Engine
import Foundation

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures and same-run ratios.", subcommands: [LedgerBench.self])
}

struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Durable transfers/s through the engine against raw SQLite.")
    @Option(help: "Transfers per measurement.") var transfers = 100_000
    @Option(help: "Concurrent batch submitters.") var submitters = 4
    @Option(help: "Commands per submitted batch.") var batch = 1000
    @Option(help: "Where the scratch databases go.") var dir = NSTemporaryDirectory()

    func run() async throws {
        let scratch = URL(fileURLWithPath: dir).appendingPathComponent("tix-bench-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var bench = LedgerBenchmark(directory: scratch)
        bench.transfers = transfers
        bench.submitters = submitters
        bench.batchSize = batch
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
