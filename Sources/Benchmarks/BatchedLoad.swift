import Engine
import Foundation
import Logging

/// Drives an engine the way busy front ends should: `submitters` tasks, each sending batches of
/// `batchSize` and waiting for their receipts. A refusal fails the benchmark: every command must apply.
struct BatchedLoad: Sendable {
    var submitters: Int
    var batchSize: Int

    /// Commands per second for `submissions`, cut into one contiguous run per submitter, so commands
    /// that depend on each other (an order and the one that fills it) keep their order.
    func rate(_ submissions: [Submission], on engine: Engine) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let perSubmitter = submissions.count / submitters
            for s in 0..<submitters {
                let mine = submissions[s * perSubmitter..<(s + 1) * perSubmitter]
                group.addTask {
                    for first in stride(from: mine.startIndex, to: mine.endIndex, by: batchSize) {
                        for result in await engine.submit(Array(mine[first..<min(first + batchSize, mine.endIndex)])) {
                            _ = try result.get()
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(submissions.count / submitters * submitters) / (ContinuousClock.now - start).seconds
    }

    /// A fresh engine in `directory` on `rules`, with `setup` applied, logging only problems.
    static func scratchEngine(in directory: URL, rules: URL?, setup: [Submission]) async throws -> Engine {
        let engine = try Engine(
            path: directory.appendingPathComponent("engine-\(UUID()).sqlite").path, rules: rules, logger: quietLogger)
        for result in await engine.submit(setup) { _ = try result.get() }
        return engine
    }
}

/// A benchmark whose work did not all happen: its figure would be meaningless.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension BatchedLoad {
    static var quietLogger: Logger {
        var logger = Logger(label: "tix.bench")
        logger.logLevel = .warning
        return logger
    }
}

extension [Double] {
    /// The middle measurement: what the benchmarks report from their interleaved rounds.
    var median: Double { sorted()[count / 2] }
    var nonEmptyMedian: Double? { isEmpty ? nil : median }
}

extension Duration {
    /// The duration in seconds, for rates.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
