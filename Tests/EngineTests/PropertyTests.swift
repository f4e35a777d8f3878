import Foundation
import GRDB
import TestSupport
import Testing
@testable import Engine

@Suite("Random command sequences")
struct PropertyTests {
    /// Transfers, posts, mints and burns chosen at random, many of them invalid on purpose.
    static func randomCommand(_ rng: inout SplitMix64, players: [String]) -> Submission {
        let from = players.randomElement(using: &rng)!
        let to = (players + ["sink", "nobody"]).randomElement(using: &rng)!
        let amount = Int64.random(in: -10...3000, using: &rng)
        let asset = ["TIX", "TIX", "TIX", "ore", "gold"].randomElement(using: &rng)!
        let command: Command =
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: .mint(to: to, asset: asset, amount: amount)
            case 1: .post(legs: (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                Posting(from: players.randomElement(using: &rng)!, to: players.randomElement(using: &rng)!,
                        asset: asset, amount: Int64.random(in: 1...2000, using: &rng))
            })
            default: .transfer(from: from, to: to, asset: asset, amount: amount)
            }
        let actor = Bool.random(using: &rng) ? Submission.admin : from
        return Submission(actor: actor, key: "k\(rng.next() % 5000)", command: command)
    }

    @Test("every invariant holds after every command, and replay equals the live state", arguments: [1, 2, 3] as [UInt64])
    func invariantsAndReplay(seed: UInt64) async throws {
        let path = scratchPath()
        let engine = try Engine(path: path, clock: ManualClock())
        defer { engine.close() }
        let players = ["p0", "p1", "p2", "p3", "p4"]
        try await PropertyTestsSeed.setUp(engine, players)
        var rng = SplitMix64(state: seed)
        var applied = 0
        for _ in 0..<300 {
            if (try? await engine.submit(Self.randomCommand(&rng, players: players))) != nil { applied += 1 }
            #expect(try engine.reader.invariantViolations() == [])
        }
        #expect(applied > 30)
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
        let live = try await DatabaseQueue(path: path).read { try StateHash.compute(in: $0) }
        #expect(report.stateHash == live.hex)
        // Replaying again gives the same head and state hashes.
        let again = try Verifier().verify(path: path)
        #expect((again.headHash, again.stateHash) == (report.headHash, report.stateHash))
    }

    @Test("concurrent submitters conserve every ticket and leave a contiguous journal")
    func concurrentSubmitters() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path)
        defer { engine.close() }
        let players = (0..<10).map { "c\($0)" }
        try await seed(engine, players: players, tickets: 100)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for submitter in 0..<8 {
                group.addTask {
                    var rng = SplitMix64(state: UInt64(submitter))
                    for n in 0..<100 {
                        let from = players.randomElement(using: &rng)!
                        let to = players.filter { $0 != from }.randomElement(using: &rng)!
                        _ = try? await engine.submit(Submission(
                            actor: from, key: "s\(submitter)-\(n)",
                            command: .transfer(from: from, to: to, asset: "TIX", amount: Int64.random(in: 1...3000, using: &rng))))
                    }
                }
            }
            try await group.waitForAll()
        }
        let total = try players.reduce(Int64(0)) { $0 + (try tix(engine, $1)) }
        #expect(total == 10 * 100 * 100)
        let journal = try engine.reader.journal(from: 1, limit: 10_000)
        #expect(journal.map(\.seq) == Array(1...Int64(journal.count)))
        #expect(journal.count > 20 + 400)
        #expect(try Verifier().verify(path: path).ok)
    }
}

enum PropertyTestsSeed {
    static func setUp(_ engine: Engine, _ players: [String]) async throws {
        try await seed(engine, players: players, tickets: 100)
        try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
    }
}
