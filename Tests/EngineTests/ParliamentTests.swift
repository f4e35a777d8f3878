import Foundation
import GRDB
import Testing
@testable import Engine

let day: Int64 = 86_400_000

/// A recipe put to the Parliament: one ore makes one gear, in any factory.
let gearSource = """
    recipe = {
      name = "Gear",
      inputs = { ore = 1 },
      outputs = { gear = 1 },
      duration = 60000,
    }
    """

/// A Parliament: the workshop's alice and bob plus carol and dave, each old enough and with three
/// payments behind them, so `rules/eligibility.lua` lets all four vote.
func parliament(clock: ManualClock, path: String = scratchPath()) async throws -> Engine {
    let engine = try await workshop(clock: clock, path: path)
    try await seed(engine, players: ["carol", "dave"], tickets: 1000)
    let players = ["alice", "bob", "carol", "dave"]
    for round in 0..<3 {
        for (index, name) in players.enumerated() {
            try await pay(engine, name, players[(index + round + 1) % players.count], 500)
        }
    }
    clock.advance(by: 8 * day)
    return engine
}

func pay(_ engine: Engine, _ from: String, _ to: String, _ amount: Int64, asset: String = "TIX") async throws {
    try await engine.submit(Submission(
        actor: from, key: UUID().uuidString, command: .transfer(from: from, to: to, asset: asset, amount: amount)))
}

@discardableResult
func propose(_ engine: Engine, _ recipe: String = "gear", source: String = gearSource, as account: String = "alice") async throws -> Int64 {
    try await engine.submit(Submission(
        actor: account, key: UUID().uuidString,
        command: .propose(account: account, recipe: recipe, title: "A \(recipe) for everyone", source: source))).createdID!
}

func vote(_ engine: Engine, _ account: String, _ proposal: Int64, _ ballot: Ballot) async throws {
    try await engine.submit(Submission(
        actor: account, key: UUID().uuidString, command: .vote(account: account, proposal: proposal, ballot: ballot)))
}

func state(_ engine: Engine, _ proposal: Int64) throws -> ProposalState {
    try engine.reader.proposal(proposal).proposal.state
}

/// Runs the proposal's review, voting and veto deadlines with the given votes: it ends approved and
/// waiting for its veto window to end.
func approve(_ engine: Engine, _ clock: ManualClock, _ proposal: Int64) async throws {
    try await runJobs(engine, clock, after: day)
    #expect(try state(engine, proposal) == .active)
    try await vote(engine, "alice", proposal, .yes)
    try await vote(engine, "bob", proposal, .yes)
    try await vote(engine, "carol", proposal, .no)
    try await runJobs(engine, clock, after: 3 * day)
    #expect(try state(engine, proposal) == .approved)
}

@Suite("The Parliament: proposals, votes, veto, enactment, patents")
struct ParliamentTests {
    @Test("an approved proposal is enacted live: the inventor gets the deposit back and the patent, crafts need a license, royalties follow the patent")
    func enactedWithPatent() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        defer { engine.close() }
        let before = try tix(engine, "alice")
        let id = try await propose(engine)
        #expect(try tix(engine, "alice") == before - 10_000)
        #expect(try state(engine, id) == .pending)
        try await approve(engine, clock, id)
        let unknown = await #expect(throws: Rejection.self) { try await craft(engine, "gear") }
        #expect(unknown == .unknownRecipe("gear"))

        try await runJobs(engine, clock, after: day)
        #expect(try state(engine, id) == .enacted)
        #expect(try tix(engine, "alice") == before)
        #expect(try items(engine, "alice", "patent.gear") == 1)
        #expect(try engine.reader.adoptedRecipes().map(\.recipe) == ["gear"])

        // Live, with no restart: the holder crafts freely.
        try await craft(engine, "gear")
        try await runJobs(engine, clock, after: 60_000)
        #expect(try items(engine, "alice", "gear") == 1)

        // Bob needs a license.
        try await engine.submit(Submission(actor: "bob", key: "shed", command: .buildFactory(account: "bob", name: "Shed")))
        try await pay(engine, "alice", "bob", 10, asset: "ore")
        let refused = await #expect(throws: Rejection.self) { try await craft(engine, "gear", factory: 2, as: "bob") }
        #expect(refused == .unlicensed(recipe: "gear", holder: "alice"))
        try await engine.submit(Submission(
            actor: "alice", key: "lic",
            command: .license(LicenseGrant(holder: "alice", recipe: "gear", licensee: "bob", royalty: 200, crafts: 2))))
        let (aliceBefore, bobBefore) = (try tix(engine, "alice"), try tix(engine, "bob"))
        try await craft(engine, "gear", factory: 2, as: "bob")
        #expect(try tix(engine, "bob") == bobBefore - 200)
        #expect(try tix(engine, "alice") == aliceBefore + 180)  // patents.lua: a tenth to the sink

        // The patent changes hands: the royalty stream follows it.
        try await pay(engine, "alice", "carol", 1, asset: "patent.gear")
        try await runJobs(engine, clock, after: 60_000)
        let carolBefore = try tix(engine, "carol")
        try await craft(engine, "gear", factory: 2, as: "bob")
        #expect(try tix(engine, "carol") == carolBefore + 180)
        let patent = try #require(try engine.reader.patent(on: "gear"))
        #expect(patent.holder == "carol")
        #expect(patent.earned == 360)
        #expect(patent.licenses.first?.craftsLeft == 0)

        // The license is used up; open terms let anyone craft.
        try await runJobs(engine, clock, after: 60_000)
        let usedUp = await #expect(throws: Rejection.self) { try await craft(engine, "gear", factory: 2, as: "bob") }
        #expect(usedUp == .unlicensed(recipe: "gear", holder: "carol"))
        let notHolder = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(
                actor: "alice", key: "terms-a", command: .setPatentTerms(holder: "alice", recipe: "gear", royalty: 50)))
        }
        #expect(notHolder == .notPatentHolder(recipe: "gear", account: "alice"))
        try await engine.submit(Submission(
            actor: "carol", key: "terms", command: .setPatentTerms(holder: "carol", recipe: "gear", royalty: 50)))
        try await craft(engine, "gear", factory: 2, as: "bob")

        // Past its term the recipe is free to all.
        try await runJobs(engine, clock, after: 90 * day)
        let expired = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(
                actor: "carol", key: "no-terms", command: .setPatentTerms(holder: "carol", recipe: "gear", royalty: nil)))
        }
        #expect(expired == .patentExpired("gear"))
        let bobNow = try tix(engine, "bob")
        try await craft(engine, "gear", factory: 2, as: "bob")
        #expect(try tix(engine, "bob") == bobNow)
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }

    @Test("a patent is an item like any other: while offered on the market its seller is paid, and its buyer once sold")
    func patentOnTheMarket() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        defer { engine.close() }
        let id = try await propose(engine)
        try await approve(engine, clock, id)
        try await runJobs(engine, clock, after: day)
        try await engine.submit(Submission(
            actor: "alice", key: "terms", command: .setPatentTerms(holder: "alice", recipe: "gear", royalty: 100)))
        try await engine.submit(Submission(actor: "carol", key: "shed", command: .buildFactory(account: "carol", name: "Shed")))
        try await pay(engine, "alice", "carol", 10, asset: "ore")
        let sell = Order(account: "alice", side: .sell, asset: "patent.gear", quantity: 1, price: 50_000)
        try await engine.submit(Submission(actor: "alice", key: "sell", command: .placeOrder(sell)))
        #expect(try engine.reader.patent(on: "gear")?.holder == "alice", "its unit in escrow, the seller still holds it")
        let aliceBefore = try tix(engine, "alice")
        try await craft(engine, "gear", factory: 2, as: "carol")
        #expect(try tix(engine, "alice") == aliceBefore + 90)

        let buy = Order(account: "bob", side: .buy, asset: "patent.gear", quantity: 1, price: 50_000)
        try await engine.submit(Submission(actor: "bob", key: "buy", command: .placeOrder(buy)))
        #expect(try items(engine, "bob", "patent.gear") == 1)
        #expect(try engine.reader.patent(on: "gear")?.holder == "bob")
        try await runJobs(engine, clock, after: 60_000)
        let bobBefore = try tix(engine, "bob")
        try await craft(engine, "gear", factory: 2, as: "carol")
        #expect(try tix(engine, "bob") == bobBefore + 90, "the open terms stay with the patent; the royalty goes to its new holder")
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }

    @Test("defeated: more no than yes; the deposit burns and the recipe is never installed")
    func defeated() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        defer { engine.close() }
        let id = try await propose(engine)
        try await runJobs(engine, clock, after: day)
        try await vote(engine, "bob", id, .no)
        try await vote(engine, "carol", id, .no)
        try await vote(engine, "alice", id, .yes)
        let burned = try tix(engine, "sink")
        try await runJobs(engine, clock, after: 3 * day)
        #expect(try state(engine, id) == .defeated)
        #expect(try tix(engine, "sink") == burned + 10_000)
        #expect(try engine.reader.adoptedRecipes().isEmpty)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("expired: turnout short of the quorum decides nothing, and the deposit returns")
    func expiredWithoutQuorum() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        defer { engine.close() }
        let before = try tix(engine, "alice")
        let id = try await propose(engine)
        try await runJobs(engine, clock, after: day)
        try await runJobs(engine, clock, after: 3 * day)
        #expect(try state(engine, id) == .expired)
        #expect(try tix(engine, "alice") == before)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("vetoed: only the admin or a veto-role holder, with a public reason, in the window; the deposit burns")
    func vetoed() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        defer { engine.close() }
        let id = try await propose(engine)
        let early = await #expect(throws: Rejection.self) {
            try await admin(engine, .veto(proposal: id, reason: "too early"))
        }
        #expect(early == .notInVetoWindow(id, "pending"))
        try await approve(engine, clock, id)
        let veto = Command.veto(proposal: id, reason: "Gears from one ore flood the market.")
        let stranger = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: "dave", key: "v1", command: veto))
        }
        #expect(stranger == .notPermitted(actor: "dave", action: "veto proposals"))
        try await admin(engine, .setVetoer(account: "dave", holds: true))
        let silent = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: "dave", key: "v2", command: .veto(proposal: id, reason: "   ")))
        }
        #expect(silent == .vetoNeedsReason(limit: Ledger.maxMemoLength))
        let burned = try tix(engine, "sink")
        try await engine.submit(Submission(actor: "dave", key: "v3", command: veto))
        let vetoed = try engine.reader.proposal(id).proposal
        #expect(vetoed.state == .vetoed)
        #expect(vetoed.vetoReason == "Gears from one ore flood the market.")
        #expect(vetoed.vetoedBy == "dave")
        #expect(try tix(engine, "sink") == burned + 10_000)
        try await runJobs(engine, clock, after: day)  // the enactment deadline finds it vetoed
        #expect(try state(engine, id) == .vetoed)
        #expect(try engine.reader.adoptedRecipes().isEmpty)
        #expect(try engine.reader.patents().isEmpty)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("canceled by its inventor during review only; the deposit returns; one open proposal per inventor")
    func canceled() async throws {
        let clock = ManualClock()
        let engine = try await parliament(clock: clock)
        defer { engine.close() }
        let before = try tix(engine, "alice")
        let id = try await propose(engine)
        let second = await #expect(throws: Rejection.self) { try await propose(engine, "cog") }
        #expect(second == .proposalLimit(limit: 1))
        let notHers = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: "bob", key: "c0", command: .cancelProposal(account: "bob", proposal: id)))
        }
        #expect(notHers == .notPermitted(actor: "bob", action: "cancel proposal #\(id)"))
        try await engine.submit(Submission(actor: "alice", key: "c1", command: .cancelProposal(account: "alice", proposal: id)))
        #expect(try state(engine, id) == .canceled)
        #expect(try tix(engine, "alice") == before)
        try await runJobs(engine, clock, after: day)
        #expect(try state(engine, id) == .canceled)

        let next = try await propose(engine, "cog")
        try await runJobs(engine, clock, after: day)
        let late = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: "alice", key: "c2", command: .cancelProposal(account: "alice", proposal: next)))
        }
        #expect(late == .notCancelable(next, "active"))
    }

    @Test("the eligible voters are fixed when voting opens: later payments, new accounts and orgs change nothing; one vote each")
    func eligibilitySnapshot() async throws {
        let clock = ManualClock()
        let engine = try await parliament(clock: clock)
        defer { engine.close() }
        try await seed(engine, players: ["erin"], tickets: 100)
        try await admin(engine, .openAccount(name: "guild", kind: .org))
        let id = try await propose(engine)
        try await runJobs(engine, clock, after: day)
        let detail = try engine.reader.proposal(id)
        #expect(detail.proposal.eligible == 4)
        #expect(detail.voters.first { $0.account == "erin" }?.reason == "accounts must be 7 days old to vote; yours is 1 days old.")

        // Erin grows old enough and pays during the vote: the snapshot stands.
        clock.advance(by: 7 * day / 3)
        for _ in 0..<3 { try await pay(engine, "erin", "alice", 500) }
        let erin = await #expect(throws: Rejection.self) { try await vote(engine, "erin", id, .yes) }
        #expect(erin == .notEligible(id, "accounts must be 7 days old to vote; yours is 1 days old."))
        try await seed(engine, players: ["frank"], tickets: 0)
        let frank = await #expect(throws: Rejection.self) { try await vote(engine, "frank", id, .yes) }
        #expect(frank == .notEligible(id, "your account was opened after voting on it began"))
        let guild = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(
                actor: Submission.admin, key: "g", command: .vote(account: "guild", proposal: id, ballot: .yes)))
        }
        #expect(guild == .notPermitted(actor: Submission.admin, action: "vote for guild"))
        let orgVote = await #expect(throws: Rejection.self) { try await vote(engine, "guild", id, .yes) }
        #expect(orgVote == .votersArePlayers)

        try await vote(engine, "bob", id, .yes)
        let before = try Snapshot(engine)
        let twice = await #expect(throws: Rejection.self) { try await vote(engine, "bob", id, .no) }
        #expect(twice == .alreadyVoted(id, "yes"))
        #expect(try Snapshot(engine) == before)
        #expect(try engine.reader.proposal(id).proposal.yes == 1)
    }

    @Test("when parliament.lua allows vote changes, a second vote replaces the first in the tally")
    func voteChanges() async throws {
        let rules = FileManager.default.temporaryDirectory.appendingPathComponent("tix-rules-\(UUID())")
        try FileManager.default.copyItem(at: shippedRules, to: rules)
        let file = rules.appendingPathComponent("parliament.lua")
        try (try String(contentsOf: file, encoding: .utf8) + "\nfunction vote_changes(p) return p.inventor == \"alice\" end\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        engine.close()
        let changing = try Engine(path: path, clock: clock, rules: rules, recipes: shippedRecipes)
        defer { changing.close() }
        let id = try await propose(changing)
        try await runJobs(changing, clock, after: day)
        try await vote(changing, "bob", id, .yes)
        try await vote(changing, "bob", id, .no)
        let tally = try changing.reader.proposal(id)
        #expect([tally.proposal.yes, tally.proposal.no] == [0, 1])
        #expect(tally.voters.first { $0.account == "bob" }?.ballot == Ballot.no)
    }

    @Test("a broken recipe is refused with its file and line, and changes nothing")
    func brokenProposal() async throws {
        let clock = ManualClock()
        let engine = try await parliament(clock: clock)
        defer { engine.close() }
        let before = try Snapshot(engine)
        let syntax = await #expect(throws: Rejection.self) {
            try await propose(engine, source: "recipe = {\n  name = \"Gear\",\n  inputs = { ore = 1 \n")
        }
        guard case .brokenProposal(let message)? = syntax else { Issue.record("\(String(describing: syntax))"); return }
        #expect(message.contains("gear.lua:"))
        let badField = await #expect(throws: Rejection.self) {
            try await propose(engine, source: gearSource.replacingOccurrences(of: "duration = 60000", with: "duration = -1"))
        }
        #expect(badField == .brokenProposal("recipes/gear.lua:5: recipe.duration must be 1 to 2592000000 milliseconds (30 days)"))
        let faucet = await #expect(throws: Rejection.self) {
            try await propose(engine, source: "recipe = { name = \"Free\", outputs = { gear = 1 }, duration = 1, faucet = true }")
        }
        #expect(faucet?.code == "brokenProposal")
        #expect(try Snapshot(engine) == before)
    }

    @Test("a restart at every deadline neither loses nor doubles a transition, and the journal replays")
    func restartAtEveryDeadline() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        var engine = try await parliament(clock: clock, path: path)
        let id = try await propose(engine)
        func restart(after millis: Int64) async throws {
            engine.close()
            clock.advance(by: millis)
            engine = try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes)
            try await admin(engine, .runDueJobs)
            let again = await #expect(throws: Rejection.self) { try await admin(engine, .runDueJobs) }
            #expect(again == .nothingDue)
        }
        try await restart(after: day)
        #expect(try state(engine, id) == .active)
        try await vote(engine, "alice", id, .yes)
        try await vote(engine, "bob", id, .yes)
        try await restart(after: 3 * day)
        #expect(try state(engine, id) == .approved)
        try await restart(after: day)
        #expect(try state(engine, id) == .enacted)
        #expect(try items(engine, "alice", "patent.gear") == 1)
        try await craft(engine, "gear")
        engine.close()
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }

    @Test("an adopted recipe replaces a genesis file of the same name, and replay installs it from the journal, not from disk")
    func replacesGenesisRecipe() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        let better = """
            recipe = { name = "Better lens", inputs = { ore = 1 }, outputs = { lens = 2 }, duration = 1000 }
            """
        let id = try await propose(engine, "lens", source: better)
        #expect(try engine.reader.proposal(id).proposal.deposit == 50_000)  // parliament.lua: replacing costs more
        try await approve(engine, clock, id)
        try await runJobs(engine, clock, after: day)
        try await craft(engine, "lens")
        try await runJobs(engine, clock, after: 1000)
        #expect(try items(engine, "alice", "lens") == 2)
        engine.close()
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }
}
