import Foundation
import Testing
@testable import Engine

/// The account's story, newest first, as sentences.
private func told(_ engine: Engine, _ account: String) throws -> [String] {
    try engine.reader.story(of: account, limit: 1000).lines.map(\.text)
}

/// Submits as `actor` with a fresh key.
@discardableResult
private func play(_ engine: Engine, _ actor: String, _ command: Command) async throws -> Receipt {
    try await engine.submit(Submission(actor: actor, key: UUID().uuidString, command: command))
}

@Suite("History reads like a story, not a ledger")
struct StoryTests {
    @Test("payments, gifts and admin postings, told from each side")
    func payments() async throws {
        let engine = try Engine(path: scratchPath(), clock: ManualClock(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 1000)
        try await admin(engine, .defineAsset(Asset(code: "iron_ingot", kind: .product, scale: 0)))
        try await admin(engine, .mint(to: "alice", asset: "iron_ingot", amount: 3))
        try await play(engine, "alice", .transfer(from: "alice", to: "bob", asset: "TIX", amount: 1250, memo: "lunch"))
        try await play(engine, "alice", .transfer(from: "alice", to: "bob", asset: "iron_ingot", amount: 2))
        try await admin(engine, .post(legs: [Posting(from: "alice", to: "bob", asset: "TIX", amount: 500)], memo: "split"))

        #expect(try told(engine, "alice") == [
            "Sent 5.00 TIX to bob — “split”",
            "Gave bob 2 iron ingot",
            "Paid bob 12.50 TIX (fee 0.06 TIX) — “lunch”",
            "Received 3 iron ingot from the mint",
            "Received 1000.00 TIX from the mint",
        ])
        #expect(try told(engine, "bob") == [
            "Received 5.00 TIX from alice — “split”",
            "Received 2 iron ingot from alice",
            "Received 12.50 TIX from alice — “lunch”",
            "Received 1000.00 TIX from the mint",
        ])
        // The postings stay one step away: the payment's line carries the payment and its fee.
        let payment = try #require(try engine.reader.story(of: "alice", limit: 3).lines.last)
        #expect(payment.postings.map(\.to) == ["bob", "sink"] && payment.postings.map(\.amount) == [1250, 6])
    }

    @Test("one entry told to someone it does not concern names whose it is, and shows every posting")
    func entryForAnother() async throws {
        let engine = try Engine(path: scratchPath(), clock: ManualClock(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob", "carol"], tickets: 100)
        let receipt = try await play(engine, "alice", .transfer(from: "alice", to: "bob", asset: "TIX", amount: 1250))
        let toCarol = try #require(try engine.reader.story(ofEntry: receipt.seq, for: "carol"))
        #expect(toCarol.text == "alice: Paid bob 12.50 TIX (fee 0.06 TIX)")
        #expect(toCarol.postings == receipt.postings)
        #expect(try engine.reader.story(ofEntry: receipt.seq, for: "bob")?.text == "Received 12.50 TIX from alice")
        #expect(try engine.reader.story(ofEntry: receipt.seq + 1, for: "bob") == nil)

        // The operator's own commands, which no player's history shows.
        let define = try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        let pool = try await admin(engine, .createPool(asset: "ore", items: 100, tickets: 5000))
        #expect(try engine.reader.story(ofEntry: define.seq, for: "admin")?.text == "Defined the raw ore")
        #expect(try engine.reader.story(ofEntry: pool.seq, for: "admin")?.text == "Opened the ore pool with 100 ore and 50.00 TIX")
        #expect(try engine.reader.story(ofEntry: 1, for: "admin")?.text == "Opened the account alice")
    }

    @Test("daily rewards tell their streak, taps their amount")
    func rewards() async throws {
        let clock = ManualClock()
        let engine = try Engine(path: scratchPath(), clock: clock, rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice"], tickets: 0)
        try await play(engine, "alice", .claimReward(account: "alice", kind: .daily))
        clock.advance(by: 21 * 3_600_000)
        try await play(engine, "alice", .claimReward(account: "alice", kind: .daily))
        clock.advance(by: 21 * 3_600_000)
        try await play(engine, "alice", .claimReward(account: "alice", kind: .daily))
        try await play(engine, "alice", .claimReward(account: "alice", kind: .tap))
        let lines = try told(engine, "alice")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("Tapped: +") && lines[0].hasSuffix(" TIX"), "\(lines[0])")
        #expect(lines[1] == "Claimed the daily reward: +15.00 TIX (3 days in a row)")
        #expect(lines[3] == "Claimed the daily reward: +10.00 TIX")
    }

    @Test("swaps with a pool: what was bought or sold, for how much, and the fee")
    func swaps() async throws {
        let engine = try await ammEngine()
        defer { engine.close() }
        try await trade(engine, .ore(.buy, .output, 20, limit: 2000))
        try await trade(engine, .ore(.sell, .input, 400, limit: 1))
        let lines = try told(engine, "alice")
        #expect(lines[1] == "Bought 20 ore for 10.05 TIX (fee 0.04 TIX)")
        #expect(lines[0] == "Sold 400 ore for 197.23 TIX (fee 2 ore)")
    }

    @Test("factories and crafts: build, craft, fit, start, cancel, and a repeating line")
    func production() async throws {
        let clock = ManualClock()
        let engine = try await workshop(clock: clock)
        defer { engine.close() }
        try await craft(engine, "forge")
        try await runJobs(engine, clock, after: 30_000)
        try await play(engine, "alice", .fitComponent(account: "alice", factory: 1, component: "forge"))
        try await craft(engine, "iron_ingot")
        try await play(engine, "alice", .cancelCraft(account: "alice", job: 2))
        try await craft(engine, "iron_ingot", repeats: true)
        try await runJobs(engine, clock, after: 10_000)
        let lines = try told(engine, "alice")
        #expect(lines.prefix(8) == [
            "Crafted 1 iron ingot; started again",
            "Started crafting iron ingot in Smithy, repeating (craft #3)",
            "Cancelled craft #2: 1 ore back (−1 ore burned)",
            "Started crafting iron ingot in Smithy (craft #2)",
            "Fitted a forge to Smithy (−10.00 TIX fee)",
            "Crafted 1 forge",
            "Started crafting forge in Smithy (craft #1)",
            "Built the factory Smithy (−50.00 TIX fee)",
        ], "\(lines)")
    }

    @Test("the market: an offer, a trade told from both sides, a cancel and an expiry")
    func market() async throws {
        let clock = ManualClock()
        let engine = try Engine(path: scratchPath(), clock: clock, rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        try await admin(engine, .defineAsset(Asset(code: "iron_ingot", kind: .product, scale: 0)))
        try await admin(engine, .mint(to: "alice", asset: "iron_ingot", amount: 5))
        let sell = Order(account: "alice", side: .sell, asset: "iron_ingot", quantity: 2, price: 150)
        try await play(engine, "alice", .placeOrder(sell))
        try await play(engine, "bob", .placeOrder(Order(account: "bob", side: .buy, asset: "iron_ingot", quantity: 1, price: 160)))
        try await play(engine, "alice", .cancelOrder(account: "alice", order: 1))
        try await play(engine, "bob", .placeOrder(Order(
            account: "bob", side: .buy, asset: "iron_ingot", quantity: 1, price: 100, expiresAt: clock.now() + 60_000)))
        try await runJobs(engine, clock, after: 61_000)

        let alice = try told(engine, "alice"), bob = try told(engine, "bob")
        #expect(alice.prefix(3) == [
            "Cancelled order #1: 1 iron ingot back",
            "Sold 1 iron ingot to bob for 1.50 TIX (fee 0.01 TIX)",
            "Offered 2 iron ingot at 1.50 TIX each (order #1)",
        ], "\(alice)")
        #expect(bob.prefix(3) == [
            "Order #3 expired: 1.00 TIX back",
            "Bid for 1 iron ingot at 1.00 TIX each (order #3)",
            "Bought 1 iron ingot from alice for 1.50 TIX",
        ], "\(bob)")
    }

    @Test("pages of a long history: newest first, no entry twice, none missing, and the last page says so")
    func paging() async throws {
        let engine = try Engine(path: scratchPath(), clock: ManualClock(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob", "carol"], tickets: 1000)
        for round in 1...23 {
            let (from, to) = round % 3 == 0 ? ("carol", "bob") : ("alice", "bob")
            try await play(engine, from, .transfer(from: from, to: to, asset: "TIX", amount: Int64(round) * 100))
        }
        let expected = Array(Set(try engine.reader.history(of: "bob", limit: 1000).map(\.seq))).sorted(by: >)
        var seen: [Int64] = []
        var before: Int64? = nil
        var pages = 0
        repeat {
            let page = try engine.reader.story(of: "bob", limit: 5, before: before)
            #expect(page.lines.count == 5 || page.next == nil)
            seen += page.lines.map(\.seq)
            before = page.next
            pages += 1
        } while before != nil && pages < 100
        #expect(seen == expected)
        #expect(seen.count == 24 && pages == 5)
        #expect(try engine.reader.story(of: "bob", limit: 5, before: expected.last).lines.isEmpty)
    }

    @Test("a journal of the previous format tells the same kind of story, every entry once")
    func formatOne() throws {
        let (path, _) = try formatOneCopy()
        let engine = try Engine(path: path, clock: ManualClock(), rules: shippedRules, recipes: shippedRecipes)
        defer { engine.close() }
        for player in ["alice", "bob", "carol"] {
            let lines = try engine.reader.story(of: player, limit: 1000).lines
            let seqs = Set(try engine.reader.history(of: player, limit: 10_000).map(\.seq))
            #expect(lines.map(\.seq) == seqs.sorted(by: >))
            for line in lines {
                #expect(!line.text.contains("_") && !line.text.hasPrefix("Moved"), "\(player) #\(line.seq): \(line.text)")
            }
        }
        #expect(try told(engine, "carol").last == "Received 3.00 TIX from bob")
        #expect(try told(engine, "bob").contains("Received 5.00 TIX from alice; sent 1.00 TIX to the sink — “split bill”"))
        #expect(try told(engine, "alice").contains("Received 2 forge, 1 lab, 2 assembler, 10 iron ingot, 4 lens from the mint"))
    }
}
