import Foundation
import Testing
@testable import Engine

/// The start of a journal day (UTC), so a simulated day fits in one.
private let dayStart: Int64 = 19_676 * Ledger.dayMillis

private func claim(_ engine: Engine, _ account: String, _ kind: RewardKind) async throws -> Receipt {
    try await engine.submit(Submission(actor: account, key: UUID().uuidString, command: .claimReward(account: account, kind: kind)))
}

private func nameInviter(_ engine: Engine, of account: String, _ inviter: String, as actor: String? = nil) async throws {
    try await engine.submit(Submission(
        actor: actor ?? account, key: UUID().uuidString, command: .nameInviter(account: account, inviter: inviter)))
}

/// `account` spends its starter pack the way a newcomer would: a factory, 8 ore and 4 wood from the
/// pools, a forge crafted and fitted, and a first ingot.
private func firstSession(_ engine: Engine, _ clock: ManualClock, _ account: String) async throws {
    func submit(_ command: Command) async throws {
        try await engine.submit(Submission(actor: account, key: UUID().uuidString, command: command))
    }
    try await submit(.buildFactory(account: account, name: "First"))
    let factory = try #require(try engine.reader.factories(of: account).first?.id)
    for (raw, count) in [("ore", Int64(8)), ("wood", Int64(4))] {
        try await submit(.swap(Swap(account: account, asset: raw, side: .buy, exact: .output, amount: count, limit: 1_000)))
    }
    try await submit(.startCraft(account: account, factory: factory, recipe: "forge"))
    try await runJobs(engine, clock, after: 30_000)
    try await submit(.fitComponent(account: account, factory: factory, component: "forge"))
    try await submit(.startCraft(account: account, factory: factory, recipe: "iron_ingot"))
    try await runJobs(engine, clock, after: 10_000)
}

@Suite("Faucets: capped taps, the starter pack and invite rewards")
struct RewardsTests {
    @Test("a script tapping every 10 s for a whole day farms at most 15 tickets, taps diminish after the 60th, and refill the next day")
    func tapCap() async throws {
        let clock = ManualClock(dayStart)
        let path = scratchPath()
        let engine = try Engine(path: path, clock: clock, rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["script"], tickets: 0)

        var paid: [Int64] = []
        var refusals: [Rejection] = []
        for _ in 0..<(Ledger.dayMillis / 10_000) {
            do {
                paid.append(try await claim(engine, "script", .tap).postings[0].amount)
            } catch let rejection as Rejection {
                refusals.append(rejection)
            }
            clock.advance(by: 10_000)
        }
        let farmed = paid.reduce(0, +)
        print("tapCap: \(paid.count) paying taps of \(paid.count + refusals.count) farmed \(farmed) minor units in a day")
        #expect(farmed == 1_500, "the day's cap is reached, and never passed")
        #expect(try tix(engine, "script") == farmed)
        #expect(paid.count <= 360)
        #expect(paid.prefix(60).allSatisfy { (5...15).contains($0) })
        for (index, amount) in paid.enumerated().dropFirst(60) {
            #expect(amount <= max(1, 15 * 60 / Int64(index + 1)), "tap \(index + 1) pays \(amount)")
        }
        // The first refusal is at the cap, and says when taps refill: at the end of the journal day.
        let capAt = dayStart + Int64(paid.count) * 10_000
        #expect(refusals.first == .rewardCapped(kind: .tap, refillMillis: dayStart + Ledger.dayMillis - capAt))
        #expect(refusals.first?.description.hasPrefix("You have had all your tap rewards for today: they refill in ") == true)
        #expect(refusals.allSatisfy { $0.code == "rewardCapped" })

        // A new journal day: taps pay in full again.
        #expect(clock.now() == dayStart + Ledger.dayMillis)
        #expect((5...15).contains(try await claim(engine, "script", .tap).postings[0].amount))
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("the starter pack buys a newcomer a factory, a forge and a first ingot, and comes once per account")
    func starterPack() async throws {
        let clock = ManualClock(dayStart)
        let path = scratchPath()
        let engine = try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes)
        defer { engine.close() }
        _ = try await engine.seedPools(try PoolSeed.read(directory: shippedRules))
        try await seed(engine, players: ["newcomer"], tickets: 0)

        #expect(try await claim(engine, "newcomer", .starter).postings.map(\.amount) == [7_000])
        let again = await #expect(throws: Rejection.self) { try await claim(engine, "newcomer", .starter) }
        #expect(again == .rewardClaimedOnce(kind: .starter))
        #expect(again?.description == "The starter reward comes once per account, and this one has had it.")
        clock.advance(by: 30 * Ledger.dayMillis)
        await #expect(throws: Rejection.rewardClaimedOnce(kind: .starter)) { try await claim(engine, "newcomer", .starter) }

        try await firstSession(engine, clock, "newcomer")
        #expect(try items(engine, "newcomer", "iron_ingot") == 1)
        let left = try tix(engine, "newcomer")
        print("starterPack: \(left) minor units left after the first session")
        #expect((0..<700).contains(left), "the pack is sized to the first session, with a little to spare")
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("an inviter is named once, never oneself, and paid once when the invitee has become active")
    func invites() async throws {
        let clock = ManualClock(dayStart)
        let path = scratchPath()
        let engine = try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes)
        defer { engine.close() }
        _ = try await engine.seedPools(try PoolSeed.read(directory: shippedRules))
        try await seed(engine, players: ["alice", "bob", "carol"], tickets: 0)

        await #expect(throws: Rejection.noInvitees) { try await claim(engine, "alice", .invite) }
        try await nameInviter(engine, of: "bob", "alice")
        await #expect(throws: Rejection.inviterNamed(account: "bob", inviter: "alice")) {
            try await nameInviter(engine, of: "bob", "carol")
        }
        await #expect(throws: Rejection.inviterNamed(account: "bob", inviter: "alice"), "no inviting each other") {
            try await nameInviter(engine, of: "alice", "bob")
        }
        await #expect(throws: Rejection.selfInvite) { try await nameInviter(engine, of: "carol", "carol") }
        await #expect(throws: Rejection.notPermitted(actor: "bob", action: "name the inviter of carol")) {
            try await nameInviter(engine, of: "carol", "bob", as: "bob")
        }
        await #expect(throws: Rejection.invitesArePlayers) { try await nameInviter(engine, of: "carol", "treasury") }

        // Joining pays nothing: bob has to play first, and the refusal says what is missing.
        let early = await #expect(throws: Rejection.self) { try await claim(engine, "alice", .invite) }
        #expect(early?.description == "No invite reward is due yet: bob must be active on 3 days first; 0 so far, "
            + "and complete a craft; 0 so far, and pay 50 tickets of fees; 0.00 so far.")
        _ = try await claim(engine, "bob", .starter)
        try await firstSession(engine, clock, "bob")
        let day1 = await #expect(throws: Rejection.self) { try await claim(engine, "alice", .invite) }
        #expect(day1 == .inviteNotDue("bob must be active on 3 days first; 1 so far"))
        for _ in 0..<2 {
            clock.advance(by: Ledger.dayMillis)
            _ = try await claim(engine, "bob", .daily)
        }

        let paid = try await claim(engine, "alice", .invite)
        #expect(paid.postings.map(\.amount) == [2_000])
        #expect(try tix(engine, "alice") == 2_000)
        await #expect(throws: Rejection.noInvitees) { try await claim(engine, "alice", .invite) }
        #expect(try Verifier().verify(path: path).ok)
    }
}
