import Foundation
import Testing
@testable import Engine

@Suite("The L1 ledger")
struct LedgerTests {
    @Test("a transfer moves tickets and records one posting")
    func transfer() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        let receipt = try await engine.submit(Submission(
            actor: "alice", key: "pay-1", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 1050)))
        #expect(receipt.postings.map(\.amount) == [1050])
        #expect(try tix(engine, "alice") == 8950)
        #expect(try tix(engine, "bob") == 11050)
        #expect(try engine.reader.history(of: "bob", limit: 1).first?.posting.from == "alice")
        #expect(try engine.reader.invariantViolations().isEmpty)
    }

    @Test("refused commands say why and change nothing", arguments: [
        (Command.transfer(from: "alice", to: "bob", asset: "TIX", amount: 10_001), "alice", "insufficientFunds"),
        (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 0), "alice", "nonPositiveAmount"),
        (.transfer(from: "alice", to: "bob", asset: "TIX", amount: -5), "alice", "nonPositiveAmount"),
        (.transfer(from: "alice", to: "alice", asset: "TIX", amount: 5), "alice", "sameAccount"),
        (.transfer(from: "alice", to: "zed", asset: "TIX", amount: 5), "alice", "unknownAccount"),
        (.transfer(from: "alice", to: "bob", asset: "gold", amount: 5), "alice", "unknownAsset"),
        (.transfer(from: "bob", to: "alice", asset: "TIX", amount: 5), "alice", "notPermitted"),
        (.transfer(from: "sink", to: "alice", asset: "TIX", amount: 5), "admin", "sinkIsFinal"),
        (.mint(to: "alice", asset: "TIX", amount: 5), "alice", "notPermitted"),
        (.openAccount(name: "Bad Name", kind: .player), "admin", "invalidAccountName"),
        (.openAccount(name: "admin", kind: .player), "admin", "invalidAccountName"),
        (.openAccount(name: "bob", kind: .player), "admin", "accountExists"),
        (.openAccount(name: "guild", kind: .org), "alice", "notPermitted"),
        (.defineAsset(Asset(code: "ore!", kind: .raw, scale: 0)), "admin", "invalidAssetCode"),
        (.defineAsset(Asset(code: "TIX", kind: .currency, scale: 2)), "admin", "assetExists"),
        (.post(legs: [], memo: nil), "admin", "emptyPosting"),
        (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: String(repeating: "x", count: 281)), "alice", "memoTooLong"),
    ])
    func refusals(command: Command, actor: String, code: String) async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: actor, key: "k", command: command))
        }
        #expect(error?.code == code)
        #expect(error?.description.isEmpty == false)
        #expect(try Snapshot(engine) == before)
    }

    @Test("a multi-leg posting applies all legs or none")
    func atomicPosting() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob", "carol"], tickets: 10)
        let before = try Snapshot(engine)
        // The second leg overdraws bob even after the first leg pays him.
        await #expect(throws: Rejection.self) {
            try await admin(engine, .post(legs: [
                Posting(from: "alice", to: "bob", asset: "TIX", amount: 500),
                Posting(from: "bob", to: "carol", asset: "TIX", amount: 1600),
            ]))
        }
        #expect(try Snapshot(engine) == before)
        // A later leg may spend what an earlier leg delivered.
        let receipt = try await admin(engine, .post(legs: [
            Posting(from: "alice", to: "bob", asset: "TIX", amount: 500),
            Posting(from: "bob", to: "carol", asset: "TIX", amount: 1500),
        ]))
        #expect(receipt.postings.count == 2)
        #expect(try [tix(engine, "alice"), tix(engine, "bob"), tix(engine, "carol")] == [500, 0, 2500])
    }

    @Test("only mint goes below zero; issued minus burned is what circulates")
    func supply() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice"], tickets: 50)
        try await admin(engine, .transfer(from: "alice", to: "sink", asset: "TIX", amount: 700))
        let supply = try #require(engine.reader.supply().first { $0.asset == "TIX" })
        #expect(supply == Supply(asset: "TIX", issued: 5000, burned: 700, circulating: 4300))
        #expect(try tix(engine, "mint") == -5000)
        #expect(try engine.reader.invariantViolations().isEmpty)
    }

    @Test("items are assets on the same ledger")
    func items() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 0)
        try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        try await admin(engine, .mint(to: "alice", asset: "ore", amount: 7))
        try await engine.submit(Submission(actor: "alice", key: "give", command: .transfer(from: "alice", to: "bob", asset: "ore", amount: 3)))
        #expect(try engine.reader.balance(of: "bob", asset: "ore") == 3)
        #expect(try engine.reader.parseAmount("2", asset: "ore") == 2)
        #expect(throws: Rejection.invalidAmount(text: "2.5", asset: "ore", scale: 0, problem: .tooManyDecimals)) {
            try engine.reader.parseAmount("2.5", asset: "ore")
        }
    }

    @Test("a balance that would overflow Int64 is refused, not wrapped or rounded")
    func overflow() async throws {
        let engine = try Engine(path: scratchPath())
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 0)
        try await admin(engine, .mint(to: "alice", asset: "TIX", amount: Int64.max))
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) {
            try await admin(engine, .mint(to: "alice", asset: "TIX", amount: 1))
        }
        #expect(error?.code == "balanceOverflow")
        #expect(try Snapshot(engine) == before)
    }
}

@Suite("Previews")
struct PreviewTests {
    @Test("a preview shows the fee a transfer would charge and changes nothing, not even its key")
    func previewChangesNothing() async throws {
        let engine = try Engine(path: scratchPath(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        let before = try Snapshot(engine)
        let pay = Submission(actor: "alice", key: "p", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 2000))
        let preview = try await engine.preview(pay)
        #expect(preview.postings.map(\.amount) == [2000, 10])
        #expect(try Snapshot(engine) == before)
        let receipt = try await engine.submit(pay)
        #expect(receipt.postings.map(\.amount) == preview.postings.map(\.amount))
        await #expect(throws: Rejection.self) {
            try await engine.preview(Submission(actor: "alice", key: "q", command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 1_000_000)))
        }
    }
}

@Suite("Words for players")
struct WordingTests {
    @Test("waits read in whole units, without empty parts", arguments: [
        (1, "1 s"), (59_000, "59 s"), (60_000, "1 min"), (61_000, "1 min 1 s"), (3_600_000, "1 h"),
        (3_660_000, "1 h 1 min"), (68_400_000, "19 h"),
    ] as [(Int64, String)])
    func durations(millis: Int64, text: String) {
        #expect(Rejection.duration(millis) == text)
    }
}
