import Foundation
import GRDB
import LuaBridge
import TestSupport
import Testing
@testable import Engine

/// Alice and bob with 1000 tickets, alice with 1000 ore too, and the pools of the shipped `pools.lua`:
/// ore opens at 40000 ore against 20000.00 tickets. `rules` decide the fee (shipped: 30 bp, burned).
func ammEngine(path: String = scratchPath(), rules: URL? = shippedRules) async throws -> Engine {
    let engine = try Engine(path: path, clock: ManualClock(), rules: rules)
    try await seed(engine, players: ["alice", "bob"], tickets: 1000)
    _ = try await engine.seedPools(try PoolSeed.read(directory: shippedRules))
    try await admin(engine, .mint(to: "alice", asset: "ore", amount: 1000))
    return engine
}

/// Submits a swap, by default as its own trader.
@discardableResult
func trade(_ engine: Engine, _ swap: Swap, as actor: String? = nil) async throws -> Receipt {
    try await engine.submit(Submission(actor: actor ?? swap.account, key: UUID().uuidString, command: .swap(swap)))
}

func ore(_ engine: Engine, _ name: String) throws -> Int64 {
    try engine.reader.balance(of: name, asset: "ore")
}

/// Postings as `from>to:amount asset`, to compare whole receipts at a glance.
func legs(_ receipt: Receipt) -> [String] {
    receipt.postings.map { "\($0.from)>\($0.to):\($0.amount) \($0.asset)" }
}

extension Swap {
    static func ore(_ side: TradeSide, _ exact: Exact, _ amount: Int64, limit: Int64, by account: String = "alice") -> Swap {
        Swap(account: account, asset: "ore", side: side, exact: exact, amount: amount, limit: limit)
    }
}

@Suite("The AMM")
struct AMMTests {
    @Test("seeding opens the pools of pools.lua once; running it again applies nothing")
    func seeding() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path, rules: shippedRules)
        defer { engine.close() }
        // A raw material defined earlier keeps its definition and gets its pool.
        try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        let seeds = try PoolSeed.read(directory: shippedRules)
        #expect(seeds.map(\.asset) == ["wood", "ore", "crystal", "gemstone"])
        #expect(try await engine.seedPools(seeds).count == 7)
        #expect(try await engine.seedPools(seeds).isEmpty)
        let pools = try engine.reader.pools()
        #expect(pools.map(\.asset) == ["crystal", "gemstone", "ore", "wood"])
        for seed in seeds {
            let pool = try #require(pools.first { $0.asset == seed.asset })
            #expect((pool.account, pool.reserveItems, pool.reserveTickets) == ("pool.\(seed.asset)", seed.items, seed.tickets))
            #expect(try engine.reader.balance(of: pool.account, asset: seed.asset) == seed.items)
            #expect(try engine.reader.poolHistory(of: seed.asset).map(\.volumeTickets) == [0])
        }
        #expect(pools.map(\.spotPrice) == ["2.0000", "10.0000", "0.5000", "0.2000"])
        #expect(try engine.reader.account(named: "pool.ore")?.kind == .system)
        #expect(try engine.reader.supply().first { $0.asset == "TIX" }?.issued == 4 * 2_000_000)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("an exact-input buy pays the curve's output, burns the fee and records the reserves")
    func buyExactInput() async throws {
        let path = scratchPath()
        let engine = try await ammEngine(path: path)
        defer { engine.close() }
        // 10 tickets: fee ceil(1000·30/10000) = 3; 997·40000/2000997 = 19.93… → 19 ore.
        let receipt = try await trade(engine, .ore(.buy, .input, 1000, limit: 19))
        #expect(legs(receipt) == ["alice>pool.ore:997 TIX", "alice>sink:3 TIX", "pool.ore>alice:19 ore"])
        #expect(try tix(engine, "alice") == 100_000 - 1000)
        #expect(try ore(engine, "alice") == 1019)
        let pool = try #require(try engine.reader.pool(of: "ore"))
        #expect((pool.reserveItems, pool.reserveTickets, pool.spotPrice) == (39_981, 2_000_997, "0.5004"))
        let history = try engine.reader.poolHistory(of: "ore")
        #expect(history.map(\.volumeTickets) == [1000, 0])
        #expect(history.first?.seq == receipt.seq)
        #expect(try engine.reader.supply().first { $0.asset == "TIX" }?.burned == 3)
        let entry = try #require(engine.reader.journal(from: receipt.seq, limit: 1).first)
        #expect(entry.rules.contains("amm.lua@") && entry.rules.contains("sinks.lua@"))
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("an exact-output buy pays the least input that yields the amount, up to the maximum")
    func buyExactOutput() async throws {
        let engine = try await ammEngine()
        defer { engine.close() }
        // net ceil(10·2000000/39990) = 501, gross ceil(501·10000/9970) = 503: the maximum may be met exactly.
        let receipt = try await trade(engine, .ore(.buy, .output, 10, limit: 503))
        #expect(legs(receipt) == ["alice>pool.ore:501 TIX", "alice>sink:2 TIX", "pool.ore>alice:10 ore"])
        #expect(try engine.reader.poolHistory(of: "ore").first?.volumeTickets == 503)
    }

    @Test("a sell takes its fee in the item, and the burned item shows in the supply")
    func sell() async throws {
        let engine = try await ammEngine()
        defer { engine.close() }
        // fee ceil(500·30/10000) = 2 ore; 498·2000000/40498 = 24593.8… → 245.93 tickets.
        let receipt = try await trade(engine, .ore(.sell, .input, 500, limit: 24593))
        #expect(legs(receipt) == ["alice>pool.ore:498 ore", "alice>sink:2 ore", "pool.ore>alice:24593 TIX"])
        #expect(try engine.reader.supply().first { $0.asset == "ore" }?.burned == 2)
        #expect(try engine.reader.poolHistory(of: "ore").first?.volumeTickets == 24593)
        #expect(try engine.reader.invariantViolations() == [])
    }

    @Test("a quote changes nothing and is exactly the swap that follows", arguments: [
        (Swap.ore(.buy, .input, 1000, limit: 1), [1000, 3, 19]),
        (.ore(.buy, .output, 10, limit: .max), [503, 2, 10]),
        (.ore(.sell, .input, 500, limit: 1), [500, 2, 24593]),
        // Too small to owe a whole ore at 30 bp: amm.lua charges none. 5·2000000/40005 → 2.49 tickets.
        (.ore(.sell, .input, 5, limit: 1), [5, 0, 249]),
        // net ceil(200·40000/1999800) = 5 ore, gross ceil(5·10000/9970) = 6.
        (.ore(.sell, .output, 200, limit: .max), [6, 1, 200]),
    ])
    func quoteIsTheSwap(swap: Swap, expected: [Int64]) async throws {
        let engine = try await ammEngine()
        defer { engine.close() }
        let before = try Snapshot(engine)
        let quote = try await engine.quote(swap, actor: "alice")
        #expect([quote.pays, quote.fee, quote.receives] == expected)
        #expect(try Snapshot(engine) == before)
        #expect(try engine.reader.poolHistory(of: "ore").count == 1)
        #expect(SwapQuote(swap, receipt: try await trade(engine, swap)) == quote)
    }

    @Test("bad swaps and pool commands are refused in clear words and change nothing", arguments: [
        (Command.swap(.ore(.buy, .input, 0, limit: 1)), "alice", "nonPositiveAmount", "The amount must be more than zero."),
        (.swap(.ore(.buy, .input, -5, limit: 1)), "alice", "nonPositiveAmount", nil),
        (.swap(.ore(.buy, .input, 1000, limit: 0)), "alice", "nonPositiveAmount", nil),
        (.swap(.ore(.buy, .output, 10, limit: -1)), "alice", "nonPositiveAmount", nil),
        (.swap(Swap(account: "alice", asset: "mithril", side: .buy, exact: .input, amount: 100, limit: 1)), "alice",
         "unknownAsset", "There is no asset called 'mithril'."),
        (.swap(Swap(account: "alice", asset: "forge", side: .buy, exact: .input, amount: 100, limit: 1)), "alice",
         "notRawMaterial", "Only raw materials have pools, and forge is not one."),
        (.swap(Swap(account: "alice", asset: "TIX", side: .sell, exact: .input, amount: 100, limit: 1)), "alice",
         "notRawMaterial", nil),
        (.swap(Swap(account: "alice", asset: "sand", side: .buy, exact: .input, amount: 100, limit: 1)), "alice",
         "noPool", "There is no pool for sand yet."),
        (.swap(.ore(.buy, .input, 160, limit: 4)), "alice", "slippage", "You would get 3 ore, less than your minimum of 4."),
        (.swap(.ore(.buy, .output, 10, limit: 502)), "alice", "slippage",
         "You would pay 5.03 TIX, more than your maximum of 5.02."),
        (.swap(.ore(.sell, .input, 5, limit: 250)), "alice", "slippage",
         "You would get 2.49 TIX, less than your minimum of 2.50."),
        (.swap(.ore(.buy, .input, 1, limit: 1)), "alice", "slippage", "You would get 0 ore, less than your minimum of 1."),
        (.swap(.ore(.sell, .input, 5, limit: 1, by: "bob")), "bob", "insufficientFunds", "bob has 0 ore but this needs 5 ore."),
        (.swap(.ore(.buy, .input, 100_001, limit: 1)), "alice", "insufficientFunds",
         "alice has 1000.00 TIX but this needs 1000.01 TIX."),
        (.swap(.ore(.buy, .output, 40_000, limit: .max)), "alice", "poolTooShallow",
         "The pool holds only 40000 ore: ask for less."),
        (.swap(.ore(.sell, .output, 2_000_000, limit: .max)), "alice", "poolTooShallow",
         "The pool holds only 20000.00 TIX: ask for less."),
        (.swap(.ore(.buy, .input, 1000, limit: 1)), "bob", "notPermitted", "bob may not move funds out of alice."),
        (.swap(.ore(.buy, .input, 1000, limit: 1, by: "pool.wood")), "admin", "poolAccount",
         "pool.wood is kept for the AMM: only swaps move a pool's reserves."),
        (.transfer(from: "alice", to: "pool.ore", asset: "TIX", amount: 100), "alice", "poolAccount", nil),
        (.transfer(from: "pool.ore", to: "alice", asset: "ore", amount: 1), "admin", "poolAccount", nil),
        (.post(legs: [Posting(from: "pool.ore", to: "bob", asset: "ore", amount: 1)]), "admin", "poolAccount", nil),
        (.mint(to: "pool.ore", asset: "ore", amount: 1), "admin", "poolAccount", nil),
        (.claimReward(account: "pool.ore", kind: .daily), "admin", "poolAccount", nil),
        (.openAccount(name: "pool.sand", kind: .system), "admin", "poolAccount", nil),
        (.createPool(asset: "sand", items: 100, tickets: 100), "alice", "notPermitted", "alice may not create pools."),
        (.createPool(asset: "ore", items: 100, tickets: 100), "admin", "poolExists", "ore already has a pool."),
        (.createPool(asset: "sand", items: 0, tickets: 100), "admin", "nonPositiveAmount", nil),
        (.createPool(asset: "sand", items: 100, tickets: -1), "admin", "nonPositiveAmount", nil),
        (.createPool(asset: "forge", items: 100, tickets: 100), "admin", "notRawMaterial", nil),
        (.createPool(asset: "TIX", items: 100, tickets: 100), "admin", "notRawMaterial", nil),
        (.createPool(asset: "mithril", items: 100, tickets: 100), "admin", "unknownAsset", nil),
        (.createPool(asset: "Sand", items: 100, tickets: 100), "admin", "invalidAccountName", nil),
    ] as [(Command, String, String, String?)])
    func refusals(command: Command, actor: String, code: String, message: String?) async throws {
        let engine = try await ammEngine()
        defer { engine.close() }
        try await admin(engine, .defineAsset(Asset(code: "forge", kind: .component, scale: 0)))
        try await admin(engine, .defineAsset(Asset(code: "sand", kind: .raw, scale: 0)))
        try await admin(engine, .defineAsset(Asset(code: "Sand", kind: .raw, scale: 0)))
        let (before, pools) = (try Snapshot(engine), try engine.reader.pools())
        let error = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: actor, key: "k", command: command))
        }
        #expect(error?.code == code)
        if let message { #expect(error?.description == message) }
        #expect(try Snapshot(engine) == before)
        #expect(try engine.reader.pools() == pools)
        #expect(try engine.reader.poolHistory(of: "ore").count == 1)
    }

    @Test("a previewed or refused pool leaves nothing behind: it can be opened afterwards")
    func poolAfterRollback() async throws {
        let path = scratchPath()
        let engine = try await ammEngine(path: path)
        defer { engine.close() }
        try await admin(engine, .defineAsset(Asset(code: "sand", kind: .raw, scale: 0)))
        let open = Submission(actor: Submission.admin, key: "sand", command: .createPool(asset: "sand", items: 500, tickets: 10_000))
        _ = try await engine.preview(open)
        // mint, already below zero, cannot issue Int64.max more: refused after the pool's account was stored.
        let overflow = await #expect(throws: Rejection.self) {
            try await admin(engine, .createPool(asset: "sand", items: 1, tickets: .max))
        }
        #expect(overflow == .balanceOverflow(account: "mint"))
        #expect(try engine.reader.account(named: "pool.sand") == nil)
        try await engine.submit(open)
        #expect(try engine.reader.pool(of: "sand")?.reserveTickets == 10_000)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("an input beyond what any balance holds is refused; the widest reserves neither trap nor wrap")
    func hugeAmounts() async throws {
        let path = scratchPath()
        let engine = try await ammEngine(path: path)
        defer { engine.close() }
        try await admin(engine, .defineAsset(Asset(code: "dust", kind: .raw, scale: 0)))
        try await admin(engine, .createPool(asset: "dust", items: 1_000_000, tickets: 4_000_000_000_000_000_000))
        let before = try Snapshot(engine)
        let tooLarge = await #expect(throws: Rejection.self) {
            try await trade(engine, Swap(account: "alice", asset: "dust", side: .buy, exact: .output, amount: 999_999, limit: .max))
        }
        #expect(tooLarge == .swapTooLarge)
        #expect(try Snapshot(engine) == before)
        // k is beyond Int64 here (10^6 · 4·10^18); the invariants compare it in Int128.
        try await admin(engine, .mint(to: "bob", asset: "TIX", amount: 4_000_000_000_000_000_000))
        let receipt = try await trade(engine, Swap(
            account: "bob", asset: "dust", side: .buy, exact: .input, amount: 4_000_000_000_000_000_000, limit: 1))
        // fee 1.2·10^16; net 3.988·10^18; 3.988·10^24 / 7.988·10^18 = 499248.9…
        #expect(receipt.postings.last?.amount == 499_248)
        #expect(try engine.reader.invariantViolations() == [])
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("without amm.lua there is no fee")
    func noFeeRule() async throws {
        let engine = try await ammEngine(rules: nil)
        defer { engine.close() }
        // 1000·40000/2001000 = 19.99… → 19 ore, nothing burned.
        #expect(legs(try await trade(engine, .ore(.buy, .input, 1000, limit: 1))) == ["alice>pool.ore:1000 TIX", "pool.ore>alice:19 ore"])
    }

    @Test("sinks.lua may send the AMM's fee to the treasury")
    func treasuryShare() async throws {
        let rules = try rulesDirectory([
            "amm.lua": "function fee_bp(s) return 100 end",
            "sinks.lua": """
                function split(f)
                  if f.source == "amm" then return { burn = 4, treasury = f.fee - 4 } end
                  return { burn = f.fee, treasury = 0 }
                end
                """,
        ])
        let engine = try await ammEngine(rules: rules)
        defer { engine.close() }
        let receipt = try await trade(engine, .ore(.buy, .input, 1000, limit: 1))
        #expect(legs(receipt).prefix(3) == ["alice>pool.ore:990 TIX", "alice>sink:4 TIX", "alice>treasury:6 TIX"])
        #expect(try tix(engine, "treasury") == 6)
        #expect(try engine.reader.invariantViolations() == [])
    }

    @Test("a fee rule that answers nonsense refuses the swap and changes nothing", arguments: [
        ("function fee_bp(s) return 10000 end", "0 to 9999 basis points"),
        ("function fee_bp(s) return -1 end", "0 to 9999 basis points"),
        ("function fee_bp(s) return 'thirty' end", "must be an integer"),
        ("function fee_bp(s)\n  return s.nothing.here\nend", "amm.lua:2:"),
    ])
    func brokenFeeRule(source: String, message: String) async throws {
        let engine = try await ammEngine(rules: try rulesDirectory(["amm.lua": source]))
        defer { engine.close() }
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) { try await trade(engine, .ore(.buy, .input, 1000, limit: 1)) }
        #expect(error?.code == "ruleFailed")
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(try Snapshot(engine) == before)
    }

    /// A random swap, and what must come of it when that is known: "filled" or a rejection's code. A
    /// third carry a limit at the quoted figure, one unit better or one worse; a tenth are someone else's.
    static func randomSwap(_ rng: inout SplitMix64, engine: Engine) async -> (Submission, expected: String?) {
        let account = ["alice", "bob"].randomElement(using: &rng)!
        let side = TradeSide.allCases.randomElement(using: &rng)!
        let exact = Swap.Exact.allCases.randomElement(using: &rng)!
        let inTickets = (side == .buy) == (exact == .input)
        let amount = inTickets ? Int64.random(in: -10...60_000, using: &rng) : Int64.random(in: -1...700, using: &rng)
        let asset = ["wood", "ore", "crystal", "gemstone", "gemstone", "sand"].randomElement(using: &rng)!
        var swap = Swap(account: account, asset: asset, side: side, exact: exact, amount: amount, limit: exact == .input ? 1 : .max)
        var expected: String?
        switch Int.random(in: 0..<3, using: &rng) {
        case 0:
            let offset = Int64.random(in: -1...1, using: &rng)
            if let quote = try? await engine.quote(swap) {
                swap.limit = (exact == .input ? quote.receives : quote.pays) + offset
                let fills = exact == .input ? offset <= 0 : offset >= 0
                expected = swap.limit <= 0 ? "nonPositiveAmount" : fills ? "filled" : "slippage"
            }
        case 1: swap.limit = .random(in: 0...3000, using: &rng)
        default: break
        }
        var actor = account
        if Int.random(in: 0..<10, using: &rng) == 0 {
            actor = account == "alice" ? "bob" : "alice"
            expected = "notPermitted"
        }
        return (Submission(actor: actor, key: "s\(rng.next() % 100_000)", command: .swap(swap)), expected)
    }

    @Test("random swaps keep every invariant, reserves equal to the pools' balances, k never falling, and replay equal",
          arguments: [11, 12, 13] as [UInt64])
    func randomSwaps(seed: UInt64) async throws {
        let path = scratchPath()
        let engine = try await ammEngine(path: path)
        defer { engine.close() }
        try await admin(engine, .defineAsset(Asset(code: "sand", kind: .raw, scale: 0)))
        for name in ["alice", "bob"] {
            for material in ["wood", "ore", "crystal", "gemstone"] {
                try await admin(engine, .mint(to: name, asset: material, amount: 3000))
            }
        }
        var rng = SplitMix64(state: seed)
        var k = try Self.constantProducts(engine)
        var (filled, refused, predicted) = (0, 0, 0)
        for _ in 0..<250 {
            let (submission, expected) = await Self.randomSwap(&rng, engine: engine)
            let outcome: String
            do {
                _ = try await engine.submit(submission)
                (outcome, filled) = ("filled", filled + 1)
            } catch let rejection as Rejection {
                (outcome, refused) = (rejection.code, refused + 1)
            }
            if let expected {
                #expect(outcome == expected, "\(submission.command)")
                predicted += 1
            }
            #expect(try engine.reader.invariantViolations() == [])
            for pool in try engine.reader.pools() {
                #expect(try engine.reader.balance(of: pool.account, asset: pool.asset) == pool.reserveItems)
                #expect(try engine.reader.balance(of: pool.account, asset: "TIX") == pool.reserveTickets)
                let last = try #require(engine.reader.poolHistory(of: pool.asset, limit: 1).first)
                #expect((last.reserveItems, last.reserveTickets) == (pool.reserveItems, pool.reserveTickets))
                let product = Int128(pool.reserveItems) * Int128(pool.reserveTickets)
                #expect(product >= k[pool.asset]!, "k of \(pool.asset) fell")
                k[pool.asset] = product
            }
        }
        #expect(filled > 40 && refused > 40 && predicted > 40, "filled \(filled), refused \(refused), predicted \(predicted)")
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
        let live = try await DatabaseQueue(path: path).read { try StateHash.compute(in: $0) }
        #expect(report.stateHash == live.hex)
    }

    static func constantProducts(_ engine: Engine) throws -> [String: Int128] {
        Dictionary(uniqueKeysWithValues: try engine.reader.pools().map {
            ($0.asset, Int128($0.reserveItems) * Int128($0.reserveTickets))
        })
    }

    @Test("tix verify finds pool reserves edited behind the journal's back, and a k that fell", arguments: [
        ("""
         UPDATE balances SET amount = amount + 1 WHERE account_id = (SELECT id FROM accounts WHERE name = 'pool.ore')
         AND asset_id = (SELECT id FROM assets WHERE code = 'ore')
         """, "pool ore holds 39982 and 2000997 but its history records 39981 and 2000997"),
        ("UPDATE pool_history SET reserve_tickets = reserve_tickets - 1 WHERE id = (SELECT MAX(id) FROM pool_history)",
         "pool ore holds 39981 and 2000997 but its history records 39981 and 2000996"),
        ("DELETE FROM pool_history WHERE pool_id = (SELECT id FROM pools WHERE account_id = (SELECT id FROM accounts WHERE name = 'pool.wood'))",
         "pool wood holds 100000 and 2000000 but its history records nothing"),
        ("UPDATE pool_history SET reserve_items = reserve_items + 1000 WHERE id = (SELECT MIN(h.id) FROM pool_history h JOIN pools p ON p.id = h.pool_id JOIN accounts a ON a.id = p.account_id WHERE a.name = 'pool.ore')",
         "pool ore: k fell"),
    ])
    func tampered(sql: String, problem: String) async throws {
        let path = scratchPath()
        let engine = try await ammEngine(path: path)
        try await trade(engine, .ore(.buy, .input, 1000, limit: 1))
        engine.close()
        try await DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
        let report = try Verifier().verify(path: path)
        #expect(!report.ok)
        #expect(report.problems.contains { $0.contains(problem) }, "\(report.problems)")
        #expect(report.problems.contains { $0.contains("differs from the replayed state") })
    }

    @Test("pools.lua is checked entry by entry", arguments: [
        ("pools = 5", "pools.lua: define `pools` as an array"),
        ("pools = { { asset = 'Ore', items = 1, tickets = 1 } }", "pools.lua: pools[1]: asset must be"),
        ("pools = { { asset = 'ore', items = 0, tickets = 1 } }", "pools.lua: pools[1] (ore): items and tickets must be"),
        ("pools = { { asset = 'ore', items = 1.5, tickets = 1 } }", "pools.lua: pools[1] (ore): items and tickets must be"),
        ("pools = { { asset = 'ore', items = 1, tickets = 1 }, { asset = 'ore', items = 2, tickets = 2 } }",
         "pools.lua: pools[2]: ore already has a pool above"),
        ("pools = {", "pools.lua:1:"),
    ])
    func badStartingSet(source: String, problem: String) throws {
        let directory = try rulesDirectory(["pools.lua": source])
        let error = #expect(throws: LuaError.self) { try PoolSeed.read(directory: directory) }
        #expect(error?.description.hasPrefix(problem) == true, "\(String(describing: error))")
    }

    @Test("an empty starting set seeds nothing")
    func emptyStartingSet() throws {
        #expect(try PoolSeed.read(directory: try rulesDirectory(["pools.lua": "pools = {}"])) == [])
    }
}
