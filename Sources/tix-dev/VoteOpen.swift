import ArgumentParser
import Engine
import Foundation
import Logging

/// Times the command that opens a proposal's voting, where the engine fixes every player's
/// eligibility in one go: on a big ledger (`tix-dev economy`) the writer does nothing else meanwhile.
struct VoteOpen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote-open",
        abstract: "Propose a recipe and time the command that opens its vote. Changes the ledger: use a scratch one.")
    @Option(help: "The database file, e.g. one `tix-dev economy` wrote.") var db = "data/economy.sqlite"
    @Option(help: "The inventor: a player with the deposit and no open proposal.") var inventor: String
    @Option(help: "The rules directory.") var rules = "rules"

    func run() async throws {
        let clock = ManualClock(Int64(Date().timeIntervalSince1970 * 1000))
        var logger = Logger(label: "tix-dev.vote-open")
        logger.logLevel = .warning
        let engine = try Engine(path: db, clock: clock, rules: URL(fileURLWithPath: rules, isDirectory: true), logger: logger)
        defer { engine.close() }
        // After the ledger's last entry (a generated ledger may end in the future), so the review
        // delay counts from the proposal.
        let last = try engine.reader.journal(from: try engine.reader.headSeq(), limit: 1).first?.at ?? 0
        clock.advance(by: max(0, last + 1 - clock.now()))
        let source = #"recipe = { name = "Probe", inputs = { ore = 1 }, outputs = { gear = 1 }, duration = 60000 }"#
        let recipe = "probe" + UUID().uuidString.prefix(8).lowercased()
        let proposal = try await engine.submit(Submission(
            actor: inventor, key: UUID().uuidString, command: .propose(account: inventor, recipe: recipe, title: "Probe", source: source)))
        clock.advance(by: 86_400_001)  // past `review_delay` as shipped (one day)
        let start = ContinuousClock.now
        try await engine.submit(Submission(actor: Submission.admin, key: UUID().uuidString, command: .runDueJobs))
        let elapsed = ContinuousClock.now - start
        let detail = try engine.reader.proposal(proposal.createdID!)
        print("proposal \(detail.proposal.id): voting opened in \(elapsed), \(detail.proposal.eligible) of \(detail.voters.count) players eligible")
    }
}
