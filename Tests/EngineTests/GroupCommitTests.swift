import Foundation
import Testing
@testable import Engine

/// Commands of a batch run without savepoints; one that fails after writing sends the whole batch
/// through again with a savepoint each. Either way the results are those of applying them one by one.
@Suite("Group commit without savepoints")
struct GroupCommitTests {
    static func pay(_ key: String, _ from: String, _ to: String, _ amount: Int64) -> Submission {
        Submission(actor: from, key: key, command: .transfer(from: from, to: to, asset: "TIX", amount: amount))
    }

    @Test("refusals before and after writing and repeats in one batch: each command gets its own answer")
    func mixedBatch() async throws {
        let engine = try Engine(path: scratchPath(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob", "carol"], tickets: 100)
        let earlier = try await engine.submit(Self.pay("k0", "alice", "bob", 1_000))

        let results = await engine.submit([
            Self.pay("k1", "alice", "carol", 2_000),
            Self.pay("k2", "bob", "carol", 1_000_000),  // cannot afford: refused before anything is written
            Self.pay("k0", "alice", "bob", 1_000),  // a repeat of a committed command: fails at the journal, after writing
            Self.pay("k0", "alice", "bob", 5),  // the key reused for another command
            Self.pay("k3", "carol", "alice", 500),
            Self.pay("k1", "alice", "carol", 2_000),  // a repeat inside the batch
        ])
        #expect(throws: Never.self) { try results[0].get() }
        #expect(throws: Rejection.self) { try results[1].get() }
        #expect(try results[2].get() == earlier)
        #expect(throws: Rejection.keyReused("k0")) { try results[3].get() }
        #expect(try results[5].get() == results[0].get())
        let carolPaid = try results[4].get().postings.filter { $0.from == "carol" }.map(\.amount).reduce(0, +)
        #expect(carolPaid > 500, "the shipped rules charge a fee")
        #expect(try tix(engine, "bob") == 10_000 + 1_000)
        #expect(try tix(engine, "carol") == 10_000 + 2_000 - carolPaid)
        #expect(try engine.reader.journal(from: 1, limit: 100).filter { $0.actor != Submission.admin }.map(\.key) == ["k0", "k1", "k3"])
        try expectSound(engine)
    }

    @Test("balances the writer remembers follow commits made by another connection to the same file")
    func anotherWriter() async throws {
        let path = scratchPath()
        let first = try Engine(path: path)
        defer { first.close() }
        try await seed(first, players: ["alice", "bob"], tickets: 10)
        try await first.submit(Self.pay("a1", "alice", "bob", 100))  // the first writer now remembers alice's balance
        let second = try Engine(path: path)
        try await second.submit(Self.pay("b1", "alice", "bob", 850))
        second.close()
        // Alice has 50 left, not the 900 the first writer saw: her next payment of 100 must be refused.
        await #expect(throws: Rejection.self) { try await first.submit(Self.pay("a2", "alice", "bob", 100)) }
        try await first.submit(Self.pay("a3", "alice", "bob", 50))
        #expect(try tix(first, "alice") == 0)
        #expect(try tix(first, "bob") == 2_000)
        try expectSound(first)
    }

    @Test("a transfer's balances, kept in memory, are written before a command of the same batch reads them in SQL")
    func deferredBalancesFlushed() async throws {
        let engine = try Engine(path: scratchPath(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 1000)
        try await engine.submit(Submission(actor: "alice", key: "found", command: .org(.create(kind: .company, name: "acme", founder: "alice"))))
        let before = try tix(engine, "alice")

        let results = await engine.submit([
            Self.pay("fund", "alice", "acme", 5_000),
            Self.pay("tip", "bob", "acme", 700),
            // Dissolution lists the treasury's balances in SQL: it must find both payments there.
            Submission(actor: "alice", key: "dissolve", command: .org(.dissolve(org: "acme"))),
        ])
        let fees = try results[0].get().postings.filter { $0.from == "alice" && $0.to != "acme" }.map(\.amount).reduce(0, +)
        let returned = try results[2].get().postings.filter { $0.from == "acme" && $0.to == "alice" }.map(\.amount).reduce(0, +)
        #expect(returned == 5_700)
        #expect(try tix(engine, "alice") == before - fees + 700)
        #expect(try engine.reader.balances(of: "acme").allSatisfy { $0.amount == 0 })
        try expectSound(engine)
    }

    @Test("random batches of transfers, swaps and repeated keys answer exactly as the same commands one at a time",
          arguments: [21, 22] as [UInt64])
    func batchedEqualsOneByOne(seed: UInt64) async throws {
        let (batchedPath, singlePath) = (scratchPath(), scratchPath())
        let (batched, single) = (try await ammEngine(path: batchedPath), try await ammEngine(path: singlePath))
        let setUp = try batched.reader.journal(from: 1, limit: 1000).count  // the same commands, under random keys
        var rng = SplitMix64(state: seed)
        var submissions: [Submission] = []
        for n in 0..<600 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                // Transfers kept in memory; some cannot be afforded.
                let (from, to) = Bool.random(using: &rng) ? ("alice", "bob") : ("bob", "alice")
                submissions.append(Self.pay("t\(n)", from, to, .random(in: 1...40_000, using: &rng)))
            case 5..<8:
                // Swaps run write-through between the deferred transfers, flushing them first.
                submissions.append(await AMMTests.randomSwap(&rng, engine: single).0)
            case 8 where !submissions.isEmpty:
                submissions.append(submissions.randomElement(using: &rng)!)  // a repeat: answered from the journal
            default:
                let key = submissions.randomElement(using: &rng)?.key ?? "k\(n)"
                submissions.append(Self.pay(key, "alice", "bob", 1))  // usually a reused key: refused after writing
            }
        }
        var inBatches: [Result<Receipt, any Error>] = []
        for start in stride(from: 0, to: submissions.count, by: 150) {
            inBatches += await batched.submit(Array(submissions[start..<min(start + 150, submissions.count)]))
        }
        var oneByOne: [Result<Receipt, any Error>] = []
        for submission in submissions { oneByOne += await single.submit([submission]) }
        let entries = try [batched, single].map { engine in
            try engine.reader.journal(from: Int64(setUp + 1), limit: 10_000).map { [$0.actor, $0.key, $0.command, $0.result, $0.rules] }
        }
        batched.close()
        single.close()

        var (succeeded, refused) = (0, 0)
        for (n, (a, b)) in zip(inBatches, oneByOne).enumerated() {
            switch (a, b) {
            case (.success(let x), .success(let y)):
                #expect(x == y, "command \(n): \(submissions[n].command)")
                succeeded += 1
            case (.failure(let x), .failure(let y)):
                #expect("\(x)" == "\(y)", "command \(n)")
                refused += 1
            default:
                Issue.record("command \(n) answered \(a) in a batch, \(b) alone: \(submissions[n].command)")
            }
        }
        #expect(succeeded > 150 && refused > 150, "succeeded \(succeeded), refused \(refused)")
        #expect(entries[0] == entries[1], "the same entries journaled in the same order")
        let (x, y) = (try Verifier().verify(path: batchedPath), try Verifier().verify(path: singlePath))
        #expect(x.ok && y.ok)
        #expect(x.stateHash == y.stateHash)
    }
}
