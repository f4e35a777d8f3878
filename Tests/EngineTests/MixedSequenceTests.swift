import Foundation
import TestSupport
import Testing
@testable import Engine

/// Every feature in one random sequence: transfers of tickets and items, AMM swaps, market orders and
/// cancels, factories, crafts and cancelled crafts, jobs falling due, rewards, and rule changes taking
/// effect at restarts. Whatever the sequence, every invariant holds after every command and the journal
/// replays to the live state.
@Suite("Every feature mixed at random")
struct MixedSequenceTests {
    static let players = ["alice", "bob", "carol"]
    static let materials = ["wood", "ore", "crystal", "gemstone"]
    static let items = ["iron_ingot", "lens", "forge", "lab"]
    static let recipes = ["iron_ingot", "forge", "lens", "jewel", "tool", "lab", "nothing"]

    /// The fee rules the sequence switches between: the shipped one, a flat fee, and none at all.
    static let feeVariants: [String?] = [
        nil,
        "function fee(t) if t.amount < 100 then return 0 end return 7 end",
        "function fee(t) return 0 end",
    ]

    /// A random command, valid or not: refusals must change nothing, so they are as welcome as successes.
    static func randomCommand(_ rng: inout SplitMix64, clock: ManualClock, orders: [Int64], jobs: [Int64]) -> Submission {
        let account = players.randomElement(using: &rng)!
        let other = players.filter { $0 != account }.randomElement(using: &rng)!
        let material = materials.randomElement(using: &rng)!
        let item = items.randomElement(using: &rng)!
        let command: Command =
            switch Int.random(in: 0..<16, using: &rng) {
            case 0, 1: .transfer(from: account, to: other, asset: "TIX", amount: .random(in: -5...20_000, using: &rng))
            case 2: .transfer(from: account, to: other, asset: Bool.random(using: &rng) ? material : item,
                              amount: .random(in: 0...5, using: &rng))
            case 3, 4: .swap(Swap(
                account: account, asset: material, side: Bool.random(using: &rng) ? .buy : .sell,
                exact: Bool.random(using: &rng) ? .input : .output, amount: .random(in: 1...400, using: &rng),
                limit: Bool.random(using: &rng) ? 1 : 1_000_000))
            case 5, 6: .placeOrder(Order(
                account: account, side: Bool.random(using: &rng) ? .buy : .sell, asset: item,
                quantity: .random(in: 1...3, using: &rng), price: .random(in: 50...400, using: &rng),
                expiresAt: Bool.random(using: &rng) ? clock.now() + .random(in: 1_000...600_000, using: &rng) : nil))
            case 7: .cancelOrder(account: account, order: orders.randomElement(using: &rng) ?? 1)
            case 8: .buildFactory(account: account, name: "Works \(Int.random(in: 1...3, using: &rng))")
            case 9: .fitComponent(account: account, factory: ownFactory(account, &rng),
                                  component: ["forge", "lab", "ore"].randomElement(using: &rng)!)
            case 10, 11: .startCraft(account: account, factory: ownFactory(account, &rng),
                                     recipe: recipes.randomElement(using: &rng)!, repeats: Int.random(in: 0..<4, using: &rng) == 0)
            case 12: .cancelCraft(account: account, job: jobs.randomElement(using: &rng) ?? 1)
            case 13: .claimReward(account: account, kind: Bool.random(using: &rng) ? .daily : .tap)
            default: .runDueJobs
            }
        let actor = command == .runDueJobs || Int.random(in: 0..<20, using: &rng) == 0 ? Submission.admin : account
        return Submission(actor: actor, key: "m\(rng.next() % 1_000_000)", command: command)
    }

    /// Mostly the account's own first factory (built at set-up), sometimes anyone's.
    static func ownFactory(_ account: String, _ rng: inout SplitMix64) -> Int64 {
        Int.random(in: 0..<5, using: &rng) == 0 ? .random(in: 1...6, using: &rng) : Int64(players.firstIndex(of: account)! + 1)
    }

    @Test("invariants after every command and a journal that replays, over many seeds", arguments: 0..<6)
    func mixed(round: Int) async throws {
        var rng = SplitMix64(state: testSeed() &+ UInt64(round))
        let path = scratchPath()
        let rules = try rulesDirectory([:])
        for file in try FileManager.default.contentsOfDirectory(atPath: shippedRules.path) where file.hasSuffix(".lua") {
            try FileManager.default.copyItem(at: shippedRules.appendingPathComponent(file), to: rules.appendingPathComponent(file))
        }
        let shippedFees = try String(contentsOf: rules.appendingPathComponent("fees.lua"), encoding: .utf8)
        let clock = ManualClock()
        var engine = try Engine(path: path, clock: clock, rules: rules, recipes: shippedRecipes)
        try await seed(engine, players: Self.players, tickets: 2_000)
        _ = try await engine.seedPools(try PoolSeed.read(directory: rules))
        for (code, kind) in [("forge", Asset.Kind.component), ("lab", .component), ("iron_ingot", .product), ("lens", .product)] {
            try await admin(engine, .defineAsset(Asset(code: code, kind: kind, scale: 0)))
        }
        for player in Self.players {
            for material in Self.materials { try await admin(engine, .mint(to: player, asset: material, amount: 40)) }
            try await admin(engine, .mint(to: player, asset: "forge", amount: 2))
            try await admin(engine, .mint(to: player, asset: "lab", amount: 1))
            try await engine.submit(Submission(actor: player, key: "works", command: .buildFactory(account: player, name: "Works")))
            try await engine.submit(Submission(actor: player, key: "fit", command: .fitComponent(account: player, factory: Int64(Self.players.firstIndex(of: player)! + 1), component: "forge")))
        }

        var (orders, jobs, applied, restarts) = ([Int64](), [Int64](), 0, 0)
        var kinds = Set<Substring>()
        for n in 0..<400 {
            if Int.random(in: 0..<60, using: &rng) == 0 {
                // A designer changes the fee rule; it takes effect when the engine restarts.
                engine.close()
                let variant = Self.feeVariants.randomElement(using: &rng)!
                try (variant ?? shippedFees).write(to: rules.appendingPathComponent("fees.lua"), atomically: true, encoding: .utf8)
                engine = try Engine(path: path, clock: clock, rules: rules, recipes: shippedRecipes)
                restarts += 1
            }
            let submission = Self.randomCommand(&rng, clock: clock, orders: orders, jobs: jobs)
            if let receipt = try? await engine.submit(submission) {
                applied += 1
                kinds.insert(String(describing: submission.command).prefix { $0 != "(" })
                switch submission.command {
                case .placeOrder: receipt.createdID.map { orders.append($0) }
                case .startCraft: receipt.createdID.map { jobs.append($0) }
                default: break
                }
            }
            clock.advance(by: .random(in: 0...90_000, using: &rng))
            #expect(try engine.reader.invariantViolations() == [], "after command \(n): \(submission.command)")
        }
        engine.close()
        #expect(applied > 100, "the sequence should mostly apply (\(applied) of 400, \(restarts) restarts)")
        #expect(kinds.isSuperset(of: ["transfer", "swap", "placeOrder", "startCraft", "runDueJobs"]) && kinds.count >= 8,
                "most kinds of command should apply at least once: \(kinds.sorted())")
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }
}
