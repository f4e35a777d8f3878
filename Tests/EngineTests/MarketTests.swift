import Foundation
import TestSupport
import Testing
@testable import Engine

/// Players with tickets and swords, on the shipped rules (1 % market fee, burned).
func market(clock: ManualClock = ManualClock(), path: String = scratchPath()) async throws -> Engine {
    let engine = try Engine(path: path, clock: clock, rules: shippedRules)
    try await seed(engine, players: ["alice", "bob", "carol"], tickets: 1000)
    try await admin(engine, .defineAsset(Asset(code: "sword", kind: .product, scale: 0)))
    for name in ["bob", "carol"] { try await admin(engine, .mint(to: name, asset: "sword", amount: 10)) }
    return engine
}

@discardableResult
func order(_ engine: Engine, _ account: String, _ side: TradeSide, _ quantity: Int64, at price: Int64, expiresAt: Int64? = nil) async throws -> Receipt {
    try await engine.submit(Submission(
        actor: account, key: UUID().uuidString,
        command: .placeOrder(Order(account: account, side: side, asset: "sword", quantity: quantity, price: price, expiresAt: expiresAt))))
}

@Suite("The P2P market")
struct MarketTests {
    @Test("a buy fills against the cheapest, then the oldest, sells at their prices; the rest rests")
    func priceTimePriority() async throws {
        let engine = try await market()
        defer { engine.close() }
        let expensive = try await order(engine, "bob", .sell, 2, at: 1600).createdID!
        let early = try await order(engine, "bob", .sell, 1, at: 1500).createdID!
        let late = try await order(engine, "carol", .sell, 2, at: 1500).createdID!

        let buy = try await order(engine, "alice", .buy, 5, at: 1550)
        // 1 from bob's early 15.00, 2 from carol's 15.00; the 16.00 sell does not cross 15.50.
        #expect(try engine.reader.balance(of: "alice", asset: "sword") == 3)
        let book = try engine.reader.book(of: "sword", at: ManualClock().now())
        #expect(book.sells.map(\.id) == [expensive])
        #expect(book.buys.map { [$0.id, $0.remaining, $0.price] } == [[buy.createdID!, 2, 1550]])
        // Alice paid 15.00 each for 3 and has 2 × 15.50 in escrow; the 0.50 improvement came back.
        #expect(try tix(engine, "alice") == 100_000 - 3 * 1500 - 2 * 1550)
        // Sellers get the proceeds less the 1 % fee, which burns.
        #expect(try tix(engine, "carol") == 100_000 + 3000 - 30)
        #expect(try tix(engine, "bob") == 100_000 + 1500 - 15)
        #expect(try tix(engine, "sink") == 45)
        #expect(try engine.reader.orders(of: "bob", all: true).first { $0.id == early }?.state == .filled)
        #expect(try engine.reader.orders(of: "carol", all: true).first { $0.id == late }?.state == .filled)
        #expect(try engine.reader.invariantViolations() == [])
    }

    @Test("a sell fills against the highest bids at their prices")
    func sellTakesBids() async throws {
        let engine = try await market()
        defer { engine.close() }
        try await order(engine, "alice", .buy, 1, at: 1000)
        try await order(engine, "alice", .buy, 1, at: 1200)
        let sale = try await order(engine, "bob", .sell, 3, at: 900)
        let proceeds: [Int64] = [1188, 990]  // each bid's price less its 1 % fee
        #expect(sale.postings.filter { $0.to == "bob" }.map(\.amount) == proceeds)
        #expect(try engine.reader.book(of: "sword", at: ManualClock().now()).sells.map(\.remaining) == [1])
        #expect(try engine.reader.invariantViolations() == [])
    }

    @Test("cancel returns what is left in escrow, to the owner only")
    func cancel() async throws {
        let engine = try await market()
        defer { engine.close() }
        let id = try await order(engine, "alice", .buy, 4, at: 1000).createdID!
        try await order(engine, "bob", .sell, 1, at: 1000)
        await #expect(throws: Rejection.notYourOrder(id)) {
            try await engine.submit(Submission(actor: "bob", key: "c", command: .cancelOrder(account: "bob", order: id)))
        }
        try await engine.submit(Submission(actor: "alice", key: "c", command: .cancelOrder(account: "alice", order: id)))
        #expect(try tix(engine, "alice") == 100_000 - 1000)
        #expect(try tix(engine, "escrow") == 0)
        await #expect(throws: Rejection.orderClosed(id, "cancelled")) {
            try await engine.submit(Submission(actor: "alice", key: "c2", command: .cancelOrder(account: "alice", order: id)))
        }
    }

    @Test("an expired order stops trading, and its expiry job returns its escrow")
    func expiry() async throws {
        let clock = ManualClock()
        let engine = try await market(clock: clock)
        defer { engine.close() }
        let id = try await order(engine, "bob", .sell, 2, at: 1000, expiresAt: clock.now() + 60_000).createdID!
        #expect(try engine.reader.nextJobDue() == clock.now() + 60_000)
        clock.advance(by: 61_000)
        // A bid that would have crossed it rests instead.
        let bid = try await order(engine, "alice", .buy, 1, at: 1000)
        #expect(bid.postings.count == 1)
        try await admin(engine, .runDueJobs)
        #expect(try engine.reader.orders(of: "bob", all: true).first { $0.id == id }?.state == .expired)
        #expect(try engine.reader.balance(of: "bob", asset: "sword") == 10)
        await #expect(throws: Rejection.nothingDue) { try await admin(engine, .runDueJobs) }
        #expect(try engine.reader.invariantViolations() == [])
    }

    @Test("bad orders are refused in words and change nothing", arguments: [
        (Order(account: "alice", side: .buy, asset: "sword", quantity: 0, price: 100), "alice", "nonPositiveAmount"),
        (Order(account: "alice", side: .buy, asset: "sword", quantity: 1, price: 0), "alice", "nonPositiveAmount"),
        (Order(account: "alice", side: .buy, asset: "sword", quantity: -2, price: 100), "alice", "nonPositiveAmount"),
        (Order(account: "alice", side: .buy, asset: "shield", quantity: 1, price: 100), "alice", "unknownAsset"),
        (Order(account: "alice", side: .buy, asset: "TIX", quantity: 1, price: 100), "alice", "notTradable"),
        (Order(account: "alice", side: .buy, asset: "sword", quantity: 1, price: 200_000), "alice", "insufficientFunds"),
        (Order(account: "alice", side: .sell, asset: "sword", quantity: 1, price: 100), "alice", "insufficientFunds"),
        (Order(account: "bob", side: .sell, asset: "sword", quantity: 11, price: 100), "bob", "insufficientFunds"),
        (Order(account: "bob", side: .buy, asset: "sword", quantity: 1, price: 5000), "bob", "selfTrade"),
        (Order(account: "alice", side: .buy, asset: "sword", quantity: Int64.max, price: 2), "alice", "orderTooLarge"),
        (Order(account: "alice", side: .buy, asset: "sword", quantity: 1, price: 100, expiresAt: 5), "alice", "expiryInPast"),
        (Order(account: "bob", side: .sell, asset: "sword", quantity: 1, price: 100), "alice", "notPermitted"),
    ])
    func refusals(order: Order, actor: String, code: String) async throws {
        let engine = try await market()
        defer { engine.close() }
        try await MarketTests.restingSell(engine)
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: actor, key: "bad", command: .placeOrder(order)))
        }
        #expect(error?.code == code)
        #expect(try Snapshot(engine) == before)
    }

    static func restingSell(_ engine: Engine) async throws {
        try await order(engine, "bob", .sell, 1, at: 3000)
    }

    @Test("random orders, cancels and expiries keep escrow equal to the open orders", arguments: [7, 8] as [UInt64])
    func randomTrading(seed: UInt64) async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await market(clock: clock, path: path)
        defer { engine.close() }
        try await admin(engine, .mint(to: "alice", asset: "sword", amount: 10))
        var rng = SplitMix64(state: seed)
        var placed: [Int64] = []
        var applied = 0
        for n in 0..<200 {
            let account = ["alice", "bob", "carol"].randomElement(using: &rng)!
            let command: Command =
                switch Int.random(in: 0..<10, using: &rng) {
                case 0..<7:
                    .placeOrder(Order(
                        account: account, side: Bool.random(using: &rng) ? .buy : .sell, asset: "sword",
                        quantity: .random(in: 1...4, using: &rng), price: .random(in: 900...1100, using: &rng),
                        expiresAt: Bool.random(using: &rng) ? clock.now() + .random(in: 1000...60_000, using: &rng) : nil))
                case 7, 8: .cancelOrder(account: account, order: placed.randomElement(using: &rng) ?? 1)
                default: .runDueJobs
                }
            let actor = command == .runDueJobs ? Submission.admin : account
            if let receipt = try? await engine.submit(Submission(actor: actor, key: "r\(n)", command: command)) {
                applied += 1
                if let id = receipt.createdID { placed.append(id) }
            }
            clock.advance(by: .random(in: 0...5000, using: &rng))
            #expect(try engine.reader.invariantViolations() == [], "after command \(n): \(command)")
        }
        #expect(applied > 80)
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }

    @Test("an item its recipe makes can be bid for before anyone crafts it; an item no recipe makes cannot")
    func craftableItems() async throws {
        let path = scratchPath()
        let engine = try await workshop(clock: ManualClock(), path: path)
        defer { engine.close() }
        #expect(try engine.reader.asset(code: "iron_ingot") == nil)
        try await engine.submit(Submission(actor: "bob", key: "bid", command: .placeOrder(
            Order(account: "bob", side: .buy, asset: "iron_ingot", quantity: 2, price: 150))))
        #expect(try engine.reader.asset(code: "iron_ingot")?.kind == .product)
        try await engine.submit(Submission(actor: "bob", key: "forge", command: .placeOrder(
            Order(account: "bob", side: .buy, asset: "forge", quantity: 1, price: 900))))
        #expect(try engine.reader.asset(code: "forge")?.kind == .component)
        await #expect(throws: Rejection.unknownAsset("unicorn")) {
            try await engine.submit(Submission(actor: "bob", key: "unicorn", command: .placeOrder(
                Order(account: "bob", side: .buy, asset: "unicorn", quantity: 1, price: 100))))
        }
        #expect(try Verifier().verify(path: path).ok)
    }
}
