import Foundation
import GRDB
import Testing
@testable import Engine

/// A database the previous release's `tix` wrote (journal format 1): see `Tests/Fixtures/README.md`.
let formatOneFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/journal-v1.sqlite")

/// A copy of the fixture of its own, and the time of its last entry.
func formatOneCopy() throws -> (path: String, lastAt: Int64) {
    let path = scratchPath()
    try FileManager.default.copyItem(atPath: formatOneFixture.path, toPath: path)
    let lastAt = try DatabaseQueue(path: path).read { try Int64.fetchOne($0, sql: "SELECT MAX(at) FROM journal") } ?? 0
    return (path, lastAt)
}

@Suite("The journal's format: explicit, versioned, and older journals still verify")
struct JournalFormatTests {
    @Test("the current verifier proves a journal of the previous release, as it was stored")
    func verifiesFormatOne() throws {
        let (path, _) = try formatOneCopy()
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
        #expect(report.entries == 55)
    }

    @Test("the engine opens a format-1 database, applies every kind of command on it, and it still verifies")
    func continuesFormatOne() async throws {
        let (path, lastAt) = try formatOneCopy()
        let clock = ManualClock(lastAt + 1000)
        let engine = try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes)
        defer { engine.close() }
        #expect(try items(engine, "alice", "jewel") == 2)

        // Format 1's pending crafts complete as they started: the jewel's yield was rolled then (1).
        try await runJobs(engine, clock, after: 180_000)
        #expect(try items(engine, "alice", "jewel") == 3)
        #expect(try items(engine, "alice", "iron_ingot") == 8)

        // A resubmitted format-1 key is the same command, whatever its new encoding: the first receipt.
        let old = try #require(try engine.reader.journal(from: 52, limit: 1).first)
        let again = try await engine.submit(Submission(
            actor: old.actor, key: old.key, command: try Command.decode(old.command, format: .v1)))
        #expect(again.seq == 52)

        let first = Int64(try engine.reader.journal(from: 1, limit: 1_000).count + 1)
        try await admin(engine, .openAccount(name: "dave", kind: .player))
        try await admin(engine, .defineAsset(Asset(code: "sand", kind: .raw, scale: 0)))
        try await admin(engine, .mint(to: "dave", asset: "TIX", amount: 100_000, memo: "welcome"))
        try await admin(engine, .mint(to: "dave", asset: "sand", amount: 50))
        try await engine.submit(Submission(actor: "dave", key: "t", command: .transfer(from: "dave", to: "bob", asset: "TIX", amount: 500, memo: "hi")))
        try await admin(engine, .post(legs: [Posting(from: "dave", to: "carol", asset: "sand", amount: 5)], memo: "gift"))
        try await engine.submit(Submission(actor: "dave", key: "r", command: .claimReward(account: "dave", kind: .daily)))
        try await admin(engine, .createPool(asset: "sand", items: 1000, tickets: 10_000))
        try await engine.submit(Submission(actor: "dave", key: "s", command: .swap(
            Swap(account: "dave", asset: "sand", side: .sell, exact: .input, amount: 10, limit: 1))))
        try await engine.submit(Submission(actor: "alice", key: "o1", command: .placeOrder(
            Order(account: "alice", side: .sell, asset: "jewel", quantity: 2, price: 900, expiresAt: clock.now() + 60_000))))
        try await engine.submit(Submission(actor: "dave", key: "o2", command: .placeOrder(
            Order(account: "dave", side: .buy, asset: "jewel", quantity: 1, price: 900))))
        try await engine.submit(Submission(actor: "alice", key: "o3", command: .placeOrder(
            Order(account: "alice", side: .sell, asset: "iron_ingot", quantity: 1, price: 300))))
        try await engine.submit(Submission(actor: "alice", key: "o4", command: .cancelOrder(account: "alice", order: 9)))
        try await engine.submit(Submission(actor: "dave", key: "f", command: .buildFactory(account: "dave", name: "Shed")))
        try await admin(engine, .mint(to: "dave", asset: "forge", amount: 1))
        try await engine.submit(Submission(actor: "dave", key: "fit", command: .fitComponent(account: "dave", factory: 3, component: "forge")))
        try await admin(engine, .mint(to: "alice", asset: "lens", amount: 2))
        let jewel = try await craft(engine, "jewel", key: "j1").createdID!
        try await engine.submit(Submission(actor: "alice", key: "c", command: .cancelCraft(account: "alice", job: jewel)))
        try await craft(engine, "jewel", key: "j2")
        try await runJobs(engine, clock, after: 180_000, key: "done")

        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
        #expect(try engine.reader.invariantViolations() == [])
        let new = try engine.reader.journal(from: first, limit: 1_000)
        #expect(new.count == 21)
        #expect(new.allSatisfy { $0.format == .v2 && !$0.command.contains("_0") && !$0.result.contains("_0") })
        let payloads = try await DatabaseQueue(path: path).read { db in
            let jobs = JobQueue(reading: db)
            return try Int64.fetchAll(db, sql: "SELECT id FROM jobs WHERE format = 2").map { try jobs.job($0)?.queued.job.payload(.v2) ?? "" }
        }
        #expect(payloads.count == 3 && payloads.allSatisfy { !$0.contains("_0") })
    }

    @Test("every command encodes with named fields only and reads back the same")
    func namedFields() throws {
        let commands: [Command] = [
            .openAccount(name: "a", kind: .player), .defineAsset(Asset(code: "x", kind: .raw, scale: 0)),
            .mint(to: "a", asset: "TIX", amount: 1, memo: "m"), .transfer(from: "a", to: "b", asset: "TIX", amount: 1),
            .post(legs: [Posting(from: "a", to: "b", asset: "TIX", amount: 1)]), .claimReward(account: "a", kind: .tap),
            .placeOrder(Order(account: "a", side: .buy, asset: "x", quantity: 1, price: 2, expiresAt: 3)),
            .cancelOrder(account: "a", order: 1), .buildFactory(account: "a", name: "F"),
            .fitComponent(account: "a", factory: 1, component: "forge"), .startCraft(account: "a", factory: 1, recipe: "r", repeats: true),
            .cancelCraft(account: "a", job: 1), .runDueJobs, .createPool(asset: "x", items: 1, tickets: 2),
            .swap(Swap(account: "a", asset: "x", side: .sell, exact: .input, amount: 1, limit: 1)),
        ]
        for command in commands {
            let text = try Canonical.encode(command)
            #expect(!text.contains("_0"), "\(text)")
            #expect(try Command.decode(text, format: .v2) == command)
        }
        #expect(try Canonical.encode(Command.defineAsset(Asset(code: "x", kind: .raw, scale: 0)))
            == #"{"defineAsset":{"code":"x","kind":"raw","scale":0}}"#)
        #expect(try Job.expireOrder(7).payload(.v2) == #"{"expireOrder":{"order":7}}"#)
        #expect(try Job.expireOrder(7).payload(.v1) == #"{"expireOrder":{"_0":7}}"#)
    }

    @Test("a format-2 entry's hash covers its format, so it cannot pass for a format-1 entry")
    func formatIsHashed() {
        let fields = (seq: Int64(1), at: Int64(2), actor: "a", key: "k", command: "{}", result: "{}", rules: "")
        let one = JournalEntry.chain(
            previous: JournalEntry.genesis, format: .v1, seq: fields.seq, at: fields.at, actor: fields.actor, key: fields.key,
            command: fields.command, result: fields.result, rules: fields.rules)
        let two = JournalEntry.chain(
            previous: JournalEntry.genesis, format: .v2, seq: fields.seq, at: fields.at, actor: fields.actor, key: fields.key,
            command: fields.command, result: fields.result, rules: fields.rules)
        #expect(one != two)
    }
}
