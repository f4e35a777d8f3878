import Foundation
import GRDB
import Testing
@testable import Engine

@discardableResult
private func org(_ engine: Engine, _ actor: String, _ command: OrgCommand) async throws -> Receipt {
    try await act(engine, actor, .org(command))
}

/// alice founds `acme` (a company) and bob joins it; everyone starts with 1000 tickets.
private func company(clock: ManualClock = ManualClock(), path: String = scratchPath()) async throws -> Engine {
    let engine = try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes)
    try await seed(engine, players: ["alice", "bob", "carol"], tickets: 1000)
    try await org(engine, "alice", .create(kind: .company, name: "acme", founder: "alice"))
    try await org(engine, "alice", .invite(org: "acme", member: "bob"))
    try await org(engine, "bob", .join(org: "acme", member: "bob"))
    return engine
}

@Suite("Companies and states")
struct OrgTests {
    @Test("a company's creation fee burns, and its founder is its owner")
    func creation() async throws {
        let engine = try await company()
        defer { engine.close() }
        #expect(try tix(engine, "alice") == 100_000 - 10_000)
        #expect(try engine.reader.supply().first { $0.asset == "TIX" }?.burned == 10_000)
        let acme = try engine.reader.org(named: "acme")
        #expect(acme.org.kind == .company && acme.org.founder == "alice")
        #expect(acme.members.map(\.name) == ["alice", "bob"] && acme.members.map(\.role) == ["owner", "member"])
        #expect(try engine.reader.account(named: "acme")?.kind == .org)
        try expectSound(engine)
    }

    @Test("members act within their role's permissions and daily cap; beyond them nothing changes")
    func permissionsAndCaps() async throws {
        let clock = ManualClock()
        let engine = try await company(clock: clock)
        defer { engine.close() }
        #expect(try await refusal(engine, "carol", .org(.join(org: "acme", member: "carol"))) == .notInvited(org: "acme", account: "carol"))
        try await act(engine, "alice", .transfer(from: "alice", to: "acme", asset: "TIX", amount: 20_000))
        #expect(try tix(engine, "acme") == 20_000)

        let pay = Command.transfer(from: "acme", to: "carol", asset: "TIX", amount: 1000)
        #expect(try await refusal(engine, "bob", pay)
            == .lacksPermission(member: "bob", org: "acme", role: "member", permission: .spend))
        #expect(try await refusal(engine, "carol", pay) == .notAMember(org: "acme", account: "carol"))

        try await org(engine, "alice", .defineRole(org: "acme", role: OrgRole(name: "clerk", permissions: [.spend], dailyCap: 1500)))
        try await org(engine, "alice", .setRole(org: "acme", member: "bob", role: "clerk"))
        try await act(engine, "bob", pay)  // 1000 and a fee of 5: 1005 of the 1500
        #expect(try tix(engine, "carol") == 101_000)
        #expect(try tix(engine, "acme") == 20_000 - 1005)
        let overCap = try await refusal(engine, "bob", pay)
        #expect(overCap == .overDailyCap(member: "bob", org: "acme", cap: 1500, spent: 1005))
        #expect(overCap?.description.contains("daily limit of 15.00 TIX") == true)
        // Items need `inventory`, hiring needs `hire`, and the last owner stays.
        try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        try await admin(engine, .mint(to: "acme", asset: "ore", amount: 5))
        #expect(try await refusal(engine, "bob", .transfer(from: "acme", to: "bob", asset: "ore", amount: 1))
            == .lacksPermission(member: "bob", org: "acme", role: "clerk", permission: .inventory))
        #expect(try await refusal(engine, "bob", .org(.kick(org: "acme", member: "alice")))
            == .lacksPermission(member: "bob", org: "acme", role: "clerk", permission: .hire))
        #expect(try await refusal(engine, "alice", .org(.leave(org: "acme", member: "alice"))) == .topRoleStays(org: "acme", role: "owner"))

        clock.advance(by: 86_400_000)  // a new journal day: the cap refills
        try await act(engine, "bob", pay)
        #expect(try tix(engine, "carol") == 102_000)
        try await org(engine, "alice", .kick(org: "acme", member: "bob"))
        #expect(try await refusal(engine, "bob", pay) == .notAMember(org: "acme", account: "bob"))
        try expectSound(engine)
    }

    @Test("an assembly line chains ore → iron_ingot → tool across two factories, across restarts, until it starves")
    func chainedLine() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        var engine = try await company(clock: clock, path: path)
        for (code, kind) in [("ore", Asset.Kind.raw), ("wood", .raw), ("forge", .component), ("assembler", .component)] {
            try await admin(engine, .defineAsset(Asset(code: code, kind: kind, scale: 0)))
        }
        for (code, amount) in [("ore", Int64(8)), ("wood", 10), ("forge", 2), ("assembler", 1), ("TIX", 50_000)] {
            try await admin(engine, .mint(to: "acme", asset: code, amount: amount))
        }
        try await act(engine, "alice", .buildFactory(account: "acme", name: "Smelter"))
        try await act(engine, "alice", .buildFactory(account: "acme", name: "Works"))
        for (factory, component) in [(Int64(1), "forge"), (2, "forge"), (2, "assembler")] {
            try await act(engine, "alice", .fitComponent(account: "acme", factory: factory, component: component))
        }
        #expect(try await refusal(engine, "bob", .org(.startLine(org: "acme", name: "tools", stages: [])))
            == .lacksPermission(member: "bob", org: "acme", role: "member", permission: .factories))
        let line = try await org(engine, "alice", .startLine(
            org: "acme", name: "tools", stages: [LineStage(factory: 1, recipe: "iron_ingot"), LineStage(factory: 2, recipe: "tool")]))
        #expect(line.createdID == 1)

        for round in 0..<12 {
            if round == 4 {  // the engine goes down and comes back: the line's jobs wait in the ledger
                engine.close()
                engine = try Engine(path: path, clock: clock, rules: shippedRules, recipes: shippedRecipes)
            }
            clock.advance(by: 600_000)
            _ = try? await admin(engine, .runDueJobs)
        }
        defer { engine.close() }
        // 8 ore make 4 ingots, which make 2 tools with 2 of the wood.
        #expect(try items(engine, "acme", "tool") == 2)
        #expect(try items(engine, "acme", "ore") == 0)
        #expect(try items(engine, "acme", "iron_ingot") == 0)
        #expect(try items(engine, "acme", "wood") == 8)
        #expect(try engine.reader.org(named: "acme").lines.map(\.status) == ["starved on ore"])

        try await org(engine, "alice", .stopLine(org: "acme", line: 1))
        #expect(try engine.reader.org(named: "acme").lines.map(\.status) == ["stopped"])
        #expect(try engine.reader.jobs(of: "acme").isEmpty)
        try expectSound(engine)
    }

    @Test("payroll pays wages while the treasury lasts and records the rest as skipped, never overdrawn")
    func payrollRunsDry() async throws {
        let clock = ManualClock()
        let engine = try await company(clock: clock)
        defer { engine.close() }
        try await org(engine, "alice", .invite(org: "acme", member: "carol"))
        try await org(engine, "carol", .join(org: "acme", member: "carol"))
        try await admin(engine, .mint(to: "acme", asset: "TIX", amount: 5000))
        try await org(engine, "alice", .setWage(org: "acme", member: "bob", amount: 3000))
        try await org(engine, "alice", .setWage(org: "acme", member: "carol", amount: 3000))
        #expect(try await refusal(engine, "bob", .org(.setPayroll(org: "acme", period: 86_400_000)))
            == .lacksPermission(member: "bob", org: "acme", role: "member", permission: .govern))
        try await org(engine, "alice", .setPayroll(org: "acme", period: 86_400_000))

        try await runJobs(engine, clock, after: 86_400_000)
        #expect(try tix(engine, "bob") == 103_000)
        #expect(try tix(engine, "carol") == 100_000)
        #expect(try tix(engine, "acme") == 2000)
        try await runJobs(engine, clock, after: 86_400_000)
        #expect(try tix(engine, "acme") == 2000)
        let wages = try engine.reader.org(named: "acme").wages
        #expect(wages.map(\.member) == ["carol", "bob", "carol", "bob"])
        #expect(wages.map(\.paid) == [false, false, false, true])
        try expectSound(engine)
    }

    @Test("a state taxes its citizens by its own rule, atomically, and replays after the governor changes it")
    func stateTaxes() async throws {
        let clock = ManualClock()
        let engine = try Engine(path: scratchPath(), clock: clock, rules: shippedRules, recipes: shippedRecipes)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob", "carol", "mallory"], tickets: 1000)
        try await org(engine, "alice", .create(kind: .state, name: "utopia", founder: "alice"))
        let rule = { (percent: Int) in
            """
            function tax(t)
              if t.kind == "craft" then return 100 end
              return t.amount * \(percent) // 100
            end
            function admit(c)
              if c.account == "mallory" then return "mallory is banned" end
              return true
            end
            examples = { { call = "tax", args = { { kind = "transfer", amount = 100 } }, expect = \(percent) } }
            """
        }
        #expect(try await refusal(engine, "alice", .org(.setTaxRule(org: "utopia", source: "function tax(t) return")))?.code
            == "invalidTaxRule")
        try await org(engine, "alice", .setTaxRule(org: "utopia", source: rule(10)))
        try await org(engine, "bob", .join(org: "utopia", member: "bob"))
        #expect(try await refusal(engine, "mallory", .org(.join(org: "utopia", member: "mallory")))
            == .admissionRefused(state: "utopia", reason: "mallory is banned"))
        #expect(try await refusal(engine, "bob", .org(.setTaxRule(org: "utopia", source: rule(50))))
            == .lacksPermission(member: "bob", org: "utopia", role: "citizen", permission: .govern))

        // The tax is collected with the transfer and its L1 fee, in one entry.
        let paid = try await act(engine, "bob", .transfer(from: "bob", to: "carol", asset: "TIX", amount: 10_000))
        #expect(paid.postings.contains { $0.from == "bob" && $0.to == "utopia" && $0.amount == 1000 })
        #expect(try tix(engine, "bob") == 100_000 - 10_000 - 50 - 1000)
        #expect(try tix(engine, "utopia") == 1000)
        // What bob cannot afford with fee and tax is refused whole.
        #expect(try await refusal(engine, "bob", .transfer(from: "bob", to: "carol", asset: "TIX", amount: 88_000))?.code
            == "insufficientFunds")
        // Non-citizens pay no tax.
        try await act(engine, "carol", .transfer(from: "carol", to: "bob", asset: "TIX", amount: 1000))
        #expect(try tix(engine, "utopia") == 1000)

        // The governor raises it: hot, versioned, and named in the journal.
        try await org(engine, "alice", .setTaxRule(org: "utopia", source: rule(20)))
        try await act(engine, "bob", .transfer(from: "bob", to: "carol", asset: "TIX", amount: 1000))
        #expect(try tix(engine, "utopia") == 1200)
        let last = try #require(try engine.reader.journal(from: 1, limit: 1000).last)
        #expect(last.rules.contains("states/utopia.lua@"))

        let flows = try engine.reader.feeFlows()
        #expect(flows.contains(FeeFlow(source: "state_tax", destination: "utopia", asset: "TIX", amount: 1200)))
        #expect(flows.contains(FeeFlow(source: "org_creation", destination: "sink", asset: "TIX", amount: 50_000)))
        #expect(flows.contains { $0.source == "transfer" && $0.destination == "sink" })
        // Leaving the state ends the tax.
        try await org(engine, "bob", .leave(org: "utopia", member: "bob"))
        try await act(engine, "bob", .transfer(from: "bob", to: "carol", asset: "TIX", amount: 1000))
        #expect(try tix(engine, "utopia") == 1200)
        try expectSound(engine)
    }

    @Test("the writer's in-memory citizen list follows citizenship changed by another process on the same file")
    func citizensFromAnotherProcess() async throws {
        let path = scratchPath()
        let first = try Engine(path: path, rules: shippedRules)
        defer { first.close() }
        try await seed(first, players: ["alice", "bob", "carol"], tickets: 1000)
        try await act(first, "bob", .transfer(from: "bob", to: "carol", asset: "TIX", amount: 1000))  // no state yet: no tax

        let second = try Engine(path: path, rules: shippedRules)
        try await org(second, "alice", .create(kind: .state, name: "utopia", founder: "alice"))
        try await org(second, "alice", .setTaxRule(org: "utopia", source: "function tax(t) return t.amount // 10 end"))
        try await org(second, "bob", .join(org: "utopia", member: "bob"))
        second.close()

        try await act(first, "bob", .transfer(from: "bob", to: "carol", asset: "TIX", amount: 1000))
        #expect(try tix(first, "utopia") == 100)
        try expectSound(first)
    }

    @Test("a previewed join leaves no citizen behind; a join and a payment in one batch are taxed in order")
    func citizenshipRollsBack() async throws {
        let engine = try Engine(path: scratchPath(), rules: shippedRules)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob", "carol"], tickets: 1000)
        try await org(engine, "alice", .create(kind: .state, name: "utopia", founder: "alice"))
        try await org(engine, "alice", .setTaxRule(org: "utopia", source: "function tax(t) return t.amount // 10 end"))
        // A preview applies the join and rolls it back: bob must not be taxed afterwards.
        _ = try await engine.preview(Submission(actor: "bob", key: "peek", command: .org(.join(org: "utopia", member: "bob"))))
        try await act(engine, "bob", .transfer(from: "bob", to: "carol", asset: "TIX", amount: 1000))
        #expect(try tix(engine, "utopia") == 0)
        // Joined and paying in one batch: the join is seen by the transfer after it.
        let results = await engine.submit([
            Submission(actor: "bob", key: "join", command: .org(.join(org: "utopia", member: "bob"))),
            Submission(actor: "bob", key: "pay", command: .transfer(from: "bob", to: "carol", asset: "TIX", amount: 1000)),
        ])
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        #expect(try tix(engine, "utopia") == 100)
        try expectSound(engine)
    }

    @Test("a citizen's market sale and craft pay the state too")
    func fillAndCraftTaxes() async throws {
        let clock = ManualClock()
        let engine = try await workshop(clock: clock)
        defer { engine.close() }
        try await org(engine, "bob", .create(kind: .state, name: "utopia", founder: "bob"))
        try await org(engine, "bob", .setTaxRule(org: "utopia", source: """
            function tax(t)
              if t.kind == "craft" then return 100 end
              if t.kind == "fill" then return t.amount // 10 end
              return 0
            end
            """))
        try await org(engine, "alice", .join(org: "utopia", member: "alice"))
        let before = try tix(engine, "alice")
        try await craft(engine, "forge")
        #expect(try tix(engine, "alice") == before - 100)
        #expect(try tix(engine, "utopia") == 100)

        try await act(engine, "alice", .placeOrder(Order(account: "alice", side: .sell, asset: "ore", quantity: 1, price: 1000)))
        let fill = try await act(engine, "bob", .placeOrder(Order(account: "bob", side: .buy, asset: "ore", quantity: 1, price: 1000)))
        let marketFee = fill.postings.filter { $0.from == Account.escrow && [Account.sink, Account.treasury].contains($0.to) }
            .reduce(0) { $0 + $1.amount }
        let tax = (1000 - marketFee) / 10
        #expect(marketFee > 0 && tax > 0)
        #expect(fill.postings.contains { $0.from == Account.escrow && $0.to == "alice" && $0.amount == 1000 - marketFee - tax })
        #expect(try tix(engine, "utopia") == 100 + tax)
        try expectSound(engine)
    }

    @Test("dissolution hands treasury, inventory and factories to the owner; nothing is lost")
    func dissolution() async throws {
        let engine = try await company()
        defer { engine.close() }
        try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        try await admin(engine, .mint(to: "acme", asset: "ore", amount: 7))
        try await admin(engine, .mint(to: "acme", asset: "TIX", amount: 20_000))
        try await act(engine, "alice", .buildFactory(account: "acme", name: "Smelter"))
        try await org(engine, "alice", .setPayroll(org: "acme", period: 3_600_000))
        #expect(try await refusal(engine, "bob", .org(.dissolve(org: "acme")))
            == .lacksPermission(member: "bob", org: "acme", role: "member", permission: .govern))

        let aliceBefore = try tix(engine, "alice")
        try await org(engine, "alice", .dissolve(org: "acme"))
        #expect(try tix(engine, "alice") == aliceBefore + 20_000 - 5000)
        #expect(try items(engine, "alice", "ore") == 7)
        #expect(try engine.reader.balances(of: "acme").allSatisfy { $0.amount == 0 })
        #expect(try engine.reader.factories(of: "alice").map(\.name) == ["Smelter"])
        #expect(try engine.reader.org(named: "acme").org.dissolved)
        #expect(try engine.reader.org(named: "acme").members.isEmpty)
        #expect(try engine.reader.jobs(of: "acme").isEmpty)
        #expect(try await refusal(engine, "alice", .transfer(from: "acme", to: "bob", asset: "TIX", amount: 1)) == .orgDissolved("acme"))
        #expect(try await refusal(engine, "bob", .transfer(from: "bob", to: "acme", asset: "TIX", amount: 100)) == .orgDissolved("acme"))
        try expectSound(engine)
    }

    @Test("a company crafts for a customer at its price: the price to its treasury, the outputs to the customer")
    func craftingService() async throws {
        let clock = ManualClock()
        let engine = try await company(clock: clock)
        defer { engine.close() }
        for (code, kind) in [("ore", Asset.Kind.raw), ("forge", .component)] {
            try await admin(engine, .defineAsset(Asset(code: code, kind: kind, scale: 0)))
        }
        try await admin(engine, .mint(to: "acme", asset: "forge", amount: 1))
        try await admin(engine, .mint(to: "acme", asset: "TIX", amount: 10_000))
        try await admin(engine, .mint(to: "carol", asset: "ore", amount: 2))
        try await act(engine, "alice", .buildFactory(account: "acme", name: "Smelter"))
        try await act(engine, "alice", .fitComponent(account: "acme", factory: 1, component: "forge"))
        let buy = Command.org(.buyService(org: "acme", customer: "carol", factory: 1, recipe: "iron_ingot"))
        #expect(try await refusal(engine, "carol", buy) == .notOffered(org: "acme", recipe: "iron_ingot"))
        #expect(try await refusal(engine, "bob", .org(.setPrice(org: "acme", recipe: "iron_ingot", price: 500)))
            == .lacksPermission(member: "bob", org: "acme", role: "member", permission: .prices))
        try await org(engine, "alice", .setPrice(org: "acme", recipe: "iron_ingot", price: 500))
        #expect(try engine.reader.org(named: "acme").prices == ["iron_ingot": 500])

        let treasury = try tix(engine, "acme")
        try await act(engine, "carol", buy)
        #expect(try tix(engine, "carol") == 100_000 - 500)
        #expect(try tix(engine, "acme") == treasury + 500)
        #expect(try items(engine, "carol", "ore") == 0)
        try await runJobs(engine, clock, after: 600_000)
        #expect(try items(engine, "carol", "iron_ingot") == 1)
        #expect(try items(engine, "acme", "iron_ingot") == 0)
        try expectSound(engine)
    }

    @Test("org commands keep their journal encoding", arguments: [
        OrgCommand.create(kind: .state, name: "utopia", founder: "alice"),
        .invite(org: "acme", member: "bob"), .join(org: "acme", member: "bob"), .leave(org: "acme", member: "bob"),
        .kick(org: "acme", member: "bob"), .setRole(org: "acme", member: "bob", role: "clerk"),
        .defineRole(org: "acme", role: OrgRole(name: "clerk", permissions: [.trade, .spend], dailyCap: 5)),
        .setWage(org: "acme", member: "bob", amount: 10), .setPayroll(org: "acme", period: 60_000),
        .setTaxRule(org: "utopia", source: "function tax(t)\n  return 0\nend\n"),
        .startLine(org: "acme", name: "tools", stages: [LineStage(factory: 1, recipe: "tool")]),
        .stopLine(org: "acme", line: 2), .dissolve(org: "acme"), .setPrice(org: "acme", recipe: "tool", price: 900),
        .buyService(org: "acme", customer: "carol", factory: 1, recipe: "tool"),
    ])
    func coding(command: OrgCommand) throws {
        let text = try Canonical.encode(Command.org(command))
        #expect(try Command.decode(text, format: .current) == .org(command))
        #expect(text.hasPrefix("{\"org\":{"))
    }

    @Test("the journal text of the clerk role is fixed")
    func roleEncoding() throws {
        let text = try Canonical.encode(Command.org(.defineRole(org: "acme", role: OrgRole(name: "clerk", permissions: [.trade, .spend], dailyCap: 5))))
        #expect(text == #"{"org":{"defineRole":{"org":"acme","role":{"dailyCap":5,"name":"clerk","permissions":["spend","trade"]}}}}"#)
    }
}
