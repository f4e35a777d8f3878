import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Logging
import Synchronization

/// Random transfers from concurrent submitters, for soak and crash tests: each acknowledged key is
/// appended to `--ack-log` only after the engine answered, so a test that kills this process can check
/// that every acknowledged command survived.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate random transfer load (for crash and soak tests).")
    @Option(help: "The database file.") var db = "data/ticketonomics.sqlite"
    @Option(help: "The rules directory (fees and sinks apply to every transfer).") var rules = "rules"
    @Option(help: "Seed of the random transfers, so a failing run can be replayed.") var seed: UInt64 = 1
    @Option(help: "Player accounts to move tickets between.") var accounts = 20
    @Option(help: "Concurrent submitters.") var submitters = 4
    @Option(help: "Transfers per submitter.") var count = 1_000_000
    @Option(help: "Prefix of idempotency keys, unique per run.") var prefix = UUID().uuidString
    @Option(help: "File that receives one line per acknowledged key.") var ackLog: String?

    func run() async throws {
        let rulesDirectory = FileManager.default.fileExists(atPath: rules) ? URL(fileURLWithPath: rules) : nil
        var logger = Logger(label: "tix-dev.load")
        logger.logLevel = .warning
        let engine = try Engine(path: db, rules: rulesDirectory, logger: logger)
        defer { engine.close() }
        let names = (0..<accounts).map { "player\($0)" }
        let setup = names.flatMap { name in
            [Submission(actor: Submission.admin, key: "open-\(name)", command: .openAccount(name: name, kind: .player)),
             Submission(actor: Submission.admin, key: "fund-\(name)",
                        command: .mint(to: name, asset: Asset.ticket.code, amount: 1_000_000))]
        }
        for result in await engine.submit(setup) { _ = try result.get() }

        let log = try ackLog.map(AckLog.init(path:))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for submitter in 0..<submitters {
                group.addTask {
                    var random = SplitMix64(state: seed &+ UInt64(submitter))
                    for n in 0..<count {
                        let from = names.randomElement(using: &random)!
                        let to = names.filter { $0 != from }.randomElement(using: &random)!
                        let key = "\(prefix)-\(submitter)-\(n)"
                        let submission = Submission(
                            actor: Submission.admin, key: key,
                            command: .transfer(from: from, to: to, asset: Asset.ticket.code, amount: .random(in: 1...5_000, using: &random)))
                        do {
                            _ = try await engine.submit(submission)
                            try log?.append(key)
                        } catch is Rejection {
                            continue
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// An append-only file of acknowledged keys; each line goes to the kernel before the next submission,
/// so it survives a SIGKILL of this process.
final class AckLog: Sendable {
    private let handle: Mutex<FileHandle>

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ValidationError("Cannot create \(path).")
            }
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try file.seekToEnd()
        handle = Mutex(file)
    }

    func append(_ key: String) throws {
        try handle.withLock { try $0.write(contentsOf: Data((key + "\n").utf8)) }
    }
}
