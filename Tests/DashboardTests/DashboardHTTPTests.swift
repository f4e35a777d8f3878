import Engine
import Foundation
import Logging
import Testing
@testable import Dashboard
@testable import Web

/// The dashboard over real HTTP on loopback, on a ledger built here whose every figure is known.
@Suite("The dashboard's pages and data over HTTP")
struct DashboardHTTPTests {
    /// Day 20000 (2024-10-04) and the next, 1 h into each.
    static let day: Int64 = 20000
    static let start = day * 86_400_000 + 3_600_000

    /// alice and bob get 1000 and 500 tickets; alice pays bob 100, burns 5 and pays the treasury 2 by
    /// `post`; the next day bob pays carol 50 and carol is minted 10. No rules: no fees, no rewards.
    static func ledger() async throws -> (Engine, ManualClock) {
        let clock = ManualClock(start)
        let engine = try Engine(path: scratchPath(), clock: clock)
        for name in ["alice", "bob", "carol"] { try await admin(engine, .openAccount(name: name, kind: .player)) }
        try await admin(engine, .mint(to: "alice", asset: "TIX", amount: 100_000))
        try await admin(engine, .mint(to: "bob", asset: "TIX", amount: 50_000))
        try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 10_000))
        try await admin(engine, .post(legs: [
            Posting(from: "alice", to: "sink", asset: "TIX", amount: 500), Posting(from: "alice", to: "treasury", asset: "TIX", amount: 200),
        ]))
        clock.advance(by: 86_400_000)
        try await admin(engine, .transfer(from: "bob", to: "carol", asset: "TIX", amount: 5_000))
        try await admin(engine, .mint(to: "carol", asset: "TIX", amount: 1_000))
        return (engine, clock)
    }

    /// Serves the dashboard and /metrics on a free loopback port for the duration of `body`.
    static func serving(_ engine: Engine, _ body: (String) async throws -> Void) async throws {
        let routes = try DashboardRoutes(reader: engine.reader) { day + 1 }
        let (ports, port) = AsyncStream<Int>.makeStream()
        let server = WebServer(host: "127.0.0.1", port: 0, groups: [routes], logger: Logger(label: "test")) { port.yield($0) }
        let running = Task { try await server.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let bound = try #require(await iterator.next())
        try await body("http://127.0.0.1:\(bound)")
    }

    /// A series' rows from its CSV, checked against its JSON: both must say the same.
    static func series(_ base: String, _ name: String, days: String = "2") async throws -> [[String]] {
        let (status, csv) = try await get("\(base)/data/\(name).csv?days=\(days)")
        #expect(status == 200)
        let rows = try parseCSV(csv)
        let (jsonStatus, json) = try await get("\(base)/data/\(name).json?days=\(days)")
        #expect(jsonStatus == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["series"] as? String == name)
        #expect(object["columns"] as? [String] == rows[0])
        let jsonRows = try #require(object["rows"] as? [[Any]])
        #expect(jsonRows.count == rows.count - 1)
        for (jsonRow, csvRow) in zip(jsonRows, rows.dropFirst()) {
            #expect(jsonRow.map { "\($0)" }.count == csvRow.count)
        }
        return rows
    }

    /// A row's cells by column name.
    static func row(_ rows: [[String]], _ index: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(rows[0], rows[index]))
    }

    @Test("supply, faucets, sinks and activity match the ledger, day by day")
    func dailySeries() async throws {
        let (engine, _) = try await Self.ledger()
        defer { engine.close() }
        try await Self.serving(engine) { base in
            let supply = try await Self.series(base, "supply")
            #expect(supply.count == 3, "two days asked for")
            #expect(Self.row(supply, 1) == [
                "day": "2024-10-04", "issued": "150000", "burned": "500", "net_issuance": "149500", "circulating": "149500",
            ])
            #expect(Self.row(supply, 2) == [
                "day": "2024-10-05", "issued": "1000", "burned": "0", "net_issuance": "1000", "circulating": "150500",
            ])
            // The dashboard's circulating is the engine's own supply check.
            let tickets = try #require(try engine.reader.supply().first { $0.asset == "TIX" })
            #expect(Self.row(supply, 2)["circulating"] == String(tickets.circulating))

            let faucets = try await Self.series(base, "faucets")
            #expect(faucets[0] == ["day", "mint"])
            #expect(faucets.dropFirst().map { $0[1] } == ["150000", "1000"])
            let sinks = try await Self.series(base, "sinks")
            #expect(sinks[0] == ["day", "post → burned", "post → treasury"])
            #expect(sinks[1] == ["2024-10-04", "500", "200"])

            let activity = try await Self.series(base, "activity")
            let (first, second) = (Self.row(activity, 1), Self.row(activity, 2))
            #expect(first["dau"] == "1", "alice paid; bob was only paid")
            #expect(first["new_players"] == "3")
            #expect(first["volume"] == "10000", "the fee legs to sink and treasury are not volume")
            #expect(first["velocity"] == Table.decimal(10_000.0 / 149_500.0))
            #expect(second["dau"] == "1")
            #expect(second["wau"] == "2")
            #expect(second["volume"] == "5000")

            let all = try await Self.series(base, "supply", days: "all")
            #expect(all.count == 3, "every day since the first entry")
            let week = try await Self.series(base, "supply", days: "7")
            #expect(week.count == 8)
            #expect(week[1][1] == "0", "days before the first entry are empty")
        }
    }

    @Test("spreads: each item's best open bid and ask and its open orders, filled and cancelled ones left out")
    func spreads() async throws {
        let (engine, _) = try await Self.ledger()
        defer { engine.close() }
        for code in ["ore", "gem"] { try await admin(engine, .defineAsset(Asset(code: code, kind: .raw, scale: 0))) }
        try await admin(engine, .mint(to: "bob", asset: "ore", amount: 10))
        try await admin(engine, .mint(to: "bob", asset: "gem", amount: 10))
        func place(_ account: String, _ side: TradeSide, _ asset: String, _ quantity: Int64, _ price: Int64) async throws -> Int64 {
            try #require(try await admin(engine, .placeOrder(Order(account: account, side: side, asset: asset, quantity: quantity, price: price))).createdID)
        }
        _ = try await place("alice", .buy, "ore", 1, 500)
        _ = try await place("alice", .buy, "ore", 1, 700)
        _ = try await place("bob", .sell, "ore", 2, 900)
        _ = try await place("bob", .sell, "ore", 1, 700)  // fills the bid at 700
        let cancelled = try await place("alice", .buy, "ore", 1, 800)
        try await admin(engine, .cancelOrder(account: "alice", order: cancelled))
        _ = try await place("bob", .sell, "gem", 1, 300)
        try await Self.serving(engine) { base in
            let rows = try await Self.series(base, "spreads")
            #expect(rows.count == 3)
            #expect(Self.row(rows, 1) == ["item": "gem", "best_bid": "", "best_ask": "300", "spread": "", "open_orders": "1"])  // no bid
            #expect(Self.row(rows, 2) == ["item": "ore", "best_bid": "500", "best_ask": "900", "spread": "400", "open_orders": "2"])
            let json = try JSONSerialization.jsonObject(with: Data(try await get("\(base)/data/spreads.json").body.utf8))
            let gem = try #require((json as? [String: Any])?["rows"] as? [[Any]]).first
            #expect(gem?[1] is NSNull && gem?[3] is NSNull && gem?[2] as? Int == 300, "no bid is null, not 0")
        }
    }

    @Test("distribution, Lorenz curve and cohorts of the players' balances now")
    func distribution() async throws {
        let (engine, _) = try await Self.ledger()
        defer { engine.close() }
        try await Self.serving(engine) { base in
            // alice 893.00, bob 550.00, carol 60.00.
            let figures = Self.row(try await Self.series(base, "distribution"), 1)
            #expect(figures["players"] == "3")
            #expect(figures["total"] == "150300")
            #expect(figures["median"] == "55000")
            #expect(figures["gini"] == Table.decimal((-2.0 * 6000 + 2 * 89300) / (3.0 * 150_300)))
            #expect(figures["top_1_percent_share"] == Table.decimal(89300.0 / 150_300))
            let lorenz = try await Self.series(base, "lorenz")
            #expect(lorenz.count == 22)
            #expect(lorenz.last == ["1.000000", "1.000000"])
            let cohorts = try await Self.series(base, "cohorts")
            #expect(cohorts == [["cohort", "players", "total", "average"], ["2024-10", "3", "150300", "50100"]])

            // The balances are read again after a commit, not kept from the last visit.
            try await admin(engine, .openAccount(name: "dave", kind: .player))
            try await admin(engine, .transfer(from: "alice", to: "dave", asset: "TIX", amount: 89_300))
            let after = Self.row(try await Self.series(base, "distribution"), 1)
            #expect(after["players"] == "4" && after["median"] == "6000" && after["top_1_percent_share"] == Table.decimal(89300.0 / 150_300))
        }
    }

    @Test("every page and every series answers: HTML with its charts, CSV and JSON that parse")
    func everyPage() async throws {
        let (engine, _) = try await Self.ledger()
        defer { engine.close() }
        try await Self.serving(engine) { base in
            for page in SeriesRegistry.standard.pages {
                let (status, html) = try await get("\(base)/\(page.path)?days=7")
                #expect(status == 200, "/\(page.path)")
                for name in page.series { #expect(html.contains("id=\"\(name)\""), "/\(page.path) shows \(name)") }
                #expect(!html.contains("http://") && !html.contains("https://"), "nothing loaded from elsewhere")
            }
            let (_, home) = try await get("\(base)/")
            #expect(home.components(separatedBy: "<polyline").count - 1 >= 4, "the home page draws its lines")
            #expect(home.contains("<meta http-equiv=\"refresh\""))
            for series in SeriesRegistry.standard.series {
                _ = try await Self.series(base, series.name)
            }
            #expect(try await get("\(base)/data/nothing.csv").status == 404)
            #expect(try await get("\(base)/data/supply.xml").status == 404)
        }
    }

    @Test("an account's page shows its balance and history; search finds by the start of a name")
    func accounts() async throws {
        let (engine, _) = try await Self.ledger()
        defer { engine.close() }
        try await Self.serving(engine) { base in
            let (status, alice) = try await get("\(base)/accounts/alice")
            #expect(status == 200)
            #expect(alice.contains("893.00"))
            #expect(alice.contains("href=\"/accounts/bob\""), "the history links the counterparty")
            let (_, search) = try await get("\(base)/accounts?q=ca")
            #expect(search.contains("/accounts/carol"))
            #expect(!search.contains("/accounts/alice"))
            #expect(try await get("\(base)/accounts/nobody").status == 404)
            #expect(try await get("\(base)/accounts/NOT%20A%20NAME").status == 404)
        }
    }

    @Test("a pool's price, reserves and volume, and the raw-material index, follow its swaps")
    func pools() async throws {
        let engine = try Engine(path: scratchPath(), clock: ManualClock(Self.start))
        defer { engine.close() }
        try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        try await admin(engine, .createPool(asset: "ore", items: 1_000, tickets: 50_000))
        try await admin(engine, .openAccount(name: "bob", kind: .player))
        try await admin(engine, .mint(to: "bob", asset: "TIX", amount: 10_000))
        try await admin(engine, .swap(Swap(account: "bob", asset: "ore", side: .buy, exact: .input, amount: 1_000, limit: 1)))
        let pool = try #require(try engine.reader.pool(of: "ore"))
        try await Self.serving(engine) { base in
            let pools = try await Self.series(base, "pools")
            #expect(pools[0] == ["day", "ore_price", "ore_reserve_items", "ore_reserve_tickets", "ore_volume"])
            #expect(Self.row(pools, 1) == [
                "day": "2024-10-04", "ore_price": Table.decimal(Double(pool.reserveTickets) / Double(pool.reserveItems) / 100),
                "ore_reserve_items": String(pool.reserveItems), "ore_reserve_tickets": String(pool.reserveTickets),
                "ore_volume": "1000",
            ])
            #expect(pool.reserveTickets == 51_000, "no rules, no fee: the whole input is in the pool")
            #expect(Self.row(pools, 2)["ore_reserve_items"] == String(pool.reserveItems), "reserves carry over a quiet day")
            #expect(Self.row(pools, 2)["ore_volume"] == "0")
            let indices = try await Self.series(base, "indices")
            #expect(indices.dropFirst().map { $0[1] } == ["100.000000", "100.000000"], "no price change since the base day")
            let faucets = try await Self.series(base, "faucets")
            #expect(faucets[0] == ["day", "createPool", "mint"], "a pool's opening reserves are issued")
        }
    }

    @Test("governance and L2: proposals with turnout and veto reasons, patents with royalties, org treasuries")
    func governanceAndTreasuries() async throws {
        let (engine, clock) = try await Self.ledger()
        defer { engine.close() }
        // No rules: a 100-ticket deposit, every player votes, a day of review, three of voting, one of veto.
        let gear = "recipe = { name = \"Gear\", inputs = { ore = 1 }, outputs = { gear = 1 }, duration = 60000 }"
        let cog = gear.replacingOccurrences(of: "Gear", with: "Cog").replacingOccurrences(of: "gear = 1", with: "cog = 1")
        let gearID = try await Self.submit(engine, "alice", .propose(account: "alice", recipe: "gear", title: "Gears", source: gear)).createdID!
        let cogID = try await Self.submit(engine, "bob", .propose(account: "bob", recipe: "cog", title: "Cogs", source: cog)).createdID!
        for days in [1, 3] {
            clock.advance(by: Int64(days) * DayBook.dayMilliseconds)
            try await admin(engine, .runDueJobs)
            if days == 1 {
                for voter in ["alice", "bob"] {
                    try await Self.submit(engine, voter, .vote(account: voter, proposal: gearID, ballot: .yes))
                    try await Self.submit(engine, voter, .vote(account: voter, proposal: cogID, ballot: .yes))
                }
            }
        }
        try await admin(engine, .veto(proposal: cogID, reason: "Cogs flood the market"))
        clock.advance(by: DayBook.dayMilliseconds)
        try await admin(engine, .runDueJobs)
        try await Self.submit(engine, "alice", .setPatentTerms(holder: "alice", recipe: "gear", royalty: 150))
        try await Self.submit(engine, "carol", .org(.create(kind: .company, name: "acme", founder: "carol")))
        try await Self.submit(engine, "carol", .transfer(from: "carol", to: "acme", asset: "TIX", amount: 2_500))
        try await Self.serving(engine) { base in
            let proposals = try await Self.series(base, "proposals")
            #expect(proposals.count == 3)
            #expect(Self.row(proposals, 1)["state"] == "vetoed" && Self.row(proposals, 1)["veto_reason"] == "Cogs flood the market")
            #expect(Self.row(proposals, 2)["state"] == "enacted")
            #expect(Self.row(proposals, 2)["yes"] == "2" && Self.row(proposals, 2)["eligible"] == "3")
            #expect(Self.row(proposals, 2)["turnout"]?.hasPrefix("0.666") == true)
            let patents = try await Self.series(base, "patents")
            #expect(patents.count == 2)
            #expect(Self.row(patents, 1)["holder"] == "alice" && Self.row(patents, 1)["open_royalty"] == "150")
            let treasuries = try await Self.series(base, "treasuries")
            #expect(treasuries == [["org", "kind", "members", "treasury", "items"], ["acme", "company", "1", "2500", "0"]])
            let (status, page) = try await get("\(base)/governance")
            #expect(status == 200 && page.contains("Cogs flood the market"))
        }
    }

    @discardableResult
    static func submit(_ engine: Engine, _ actor: String, _ command: Command) async throws -> Receipt {
        try await engine.submit(Submission(actor: actor, key: UUID().uuidString, command: command))
    }

    @Test("the day book counts each entry once however many refreshes, and catches up with new ones")
    func incremental() async throws {
        let (engine, _) = try await Self.ledger()
        defer { engine.close() }
        let book = DayBook(reader: engine.reader)
        let first = try book.read().days
        #expect(try book.read().days == first)
        try await admin(engine, .transfer(from: "alice", to: "carol", asset: "TIX", amount: 700))
        let next = try book.read().days
        #expect(next[Self.day + 1]?.volume == 5_700)
        #expect(next[Self.day + 1]?.active == 2)
        #expect(next[Self.day] == first[Self.day])
    }
}
