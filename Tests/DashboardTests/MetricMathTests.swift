import Testing
@testable import Dashboard
@testable import Web

@Suite("The dashboard's metric math against known values")
struct MetricMathTests {
    @Test("Gini: 0 when equal, (n − 1)/n when one holds all, 4/15 for 1…5; nobody or nothing is 0")
    func gini() {
        #expect(WealthDistribution([5, 5, 5, 5]).gini == 0)
        #expect(abs(WealthDistribution([0, 0, 0, 10]).gini - 0.75) < 1e-12)
        #expect(abs(WealthDistribution([3, 1, 5, 2, 4]).gini - 20.0 / 75.0) < 1e-12)
        #expect(WealthDistribution([]).gini == 0)
        #expect(WealthDistribution([0, 0]).gini == 0)
        // A debt counts as holding nothing.
        #expect(WealthDistribution([-50, 0, 0, 10]).gini == WealthDistribution([0, 0, 0, 10]).gini)
    }

    @Test("top shares, median and the Lorenz curve")
    func shares() {
        let wealth = WealthDistribution(Array(1...10))
        #expect(abs(wealth.topShare(0.10) - 10.0 / 55.0) < 1e-12)
        #expect(abs(wealth.topShare(0.01) - 10.0 / 55.0) < 1e-12, "the top 1 % of ten holders is the richest one")
        #expect(abs(wealth.topShare(0.5) - 40.0 / 55.0) < 1e-12)
        #expect(wealth.median == 5)
        #expect(WealthDistribution([7, 1, 3]).median == 3)
        let lorenz = WealthDistribution([0, 0, 0, 10]).lorenz(points: 4)
        #expect(lorenz.map(\.population) == [0, 0.25, 0.5, 0.75, 1])
        #expect(lorenz.map(\.wealth) == [0, 0, 0, 0, 1])
        let equal = WealthDistribution([2, 2, 2, 2]).lorenz(points: 2)
        #expect(equal.map(\.wealth) == [0, 0.5, 1])
    }

    @Test("velocity is volume over average circulating supply; nothing circulating is 0")
    func velocity() {
        #expect(Velocity.of(volume: 50, averageCirculating: 200) == 0.25)
        #expect(Velocity.of(volume: 50, averageCirculating: 0) == 0)
    }

    @Test("WAU, MAU and churn from each player's last active day; a day's figures stay once a later day has activity")
    func activityWindows() {
        var windows = ActivityWindows.empty
        var last: [Int64: Int64] = [:]
        func record(_ players: [Int64], on day: Int64) {
            for player in players {
                _ = windows.move(from: last[player], to: day)
                last[player] = day
            }
        }
        record([1, 2], on: 0)
        record([2], on: 10)
        #expect(windows.window(on: 10) == .init(weekly: 1, monthly: 2, churned: 0))
        record([3], on: 40)
        #expect(windows.window(on: 40) == .init(weekly: 1, monthly: 1, churned: 2), "1 and 2 active before, not since")
        #expect(windows.window(on: 10) == .init(weekly: 1, monthly: 2, churned: 0), "day 10 as it was")
        #expect(windows.window(on: 25) == .init(weekly: 0, monthly: 2, churned: 0), "a quiet day between")
        record([1], on: 41)
        #expect(windows.window(on: 41) == .init(weekly: 2, monthly: 2, churned: 1), "1 came back: only 2 churned")
        #expect(windows.window(on: 40).churned == 2)
        #expect(windows.window(on: 99) == .init(weekly: 0, monthly: 0, churned: 2), "3 and 1, nobody since")
        #expect(windows.window(on: -1) == .init(), "before any activity")
    }

    @Test("Laspeyres index: the base basket at today's prices over its cost at base prices")
    func priceIndex() {
        let index = PriceIndex(weights: ["ore": 2, "wood": 1], basePrices: ["ore": 10, "wood": 20])
        #expect(index.value(at: ["ore": 10, "wood": 20]) == 100)
        #expect(abs(index.value(at: ["ore": 12, "wood": 20])! - 110) < 1e-9)
        // An item without a price today leaves the basket rather than pulling the index to zero.
        #expect(abs(index.value(at: ["ore": 15])! - 150) < 1e-9)
        #expect(index.value(at: [:]) == nil)
    }

    @Test("the pool index weighs materials by traded volume, all alike when nothing traded")
    func poolIndexWeights() {
        let traded = PriceDays.index([(["ore": 2, "wood": 1], ["ore": 200]), (["ore": 4, "wood": 1], [:])])
        #expect(traded.weights == ["ore": 100])
        #expect(traded.value(at: ["ore": 4, "wood": 1]) == 200)
        let quiet = PriceDays.index([(["ore": 2, "wood": 1], [:])])
        #expect(quiet.weights == ["ore": 1, "wood": 1])
        #expect(abs(quiet.value(at: ["ore": 4, "wood": 1])! - 500.0 / 3.0) < 1e-9)
    }

    @Test("day numbers are UTC dates")
    func dates() {
        #expect(SeriesContext.date(0) == "1970-01-01")
        #expect(SeriesContext.date(20000) == "2024-10-04")
        #expect(SeriesContext.date(-1) == "1969-12-31")
        #expect(SeriesContext.date(11016) == "2000-02-29")
    }

    @Test("CSV quotes only what needs it; JSON keeps integers whole")
    func tableFormats() throws {
        let table = Table(columns: ["day", "a,b"], rows: [[.text("say \"hi\""), .int(Int64.max)], [.text("x"), .ratio(0.5)]])
        #expect(table.csv == "day,\"a,b\"\r\n\"say \"\"hi\"\"\",9223372036854775807\r\nx,0.500000\r\n")
        let json = String(decoding: try table.json(series: "t"), as: UTF8.self)
        #expect(json == #"{"columns":["day","a,b"],"rows":[["say \"hi\"",9223372036854775807],["x",0.5]],"series":"t"}"#)
    }

    @Test("--http reads ADDR:PORT, [IPv6]:PORT and off")
    func httpAddress() {
        #expect(HTTPAddress("off") == .off)
        #expect(HTTPAddress("127.0.0.1:8080") == .standard)
        #expect(HTTPAddress("[::1]:9000") == .listen(host: "::1", port: 9000))
        #expect(HTTPAddress("[::1]:9000")?.description == "[::1]:9000")
        for wrong in ["8080", ":8080", "localhost:", "localhost:70000", "on"] { #expect(HTTPAddress(wrong) == nil, "\(wrong)") }
    }

    @Test("/metrics gives every metric a HELP line; an unknown one gets none (and promtool notices)")
    func metricHelp() {
        let documented = MetricsRoutes.documented("# TYPE tix_inbox_depth gauge\ntix_inbox_depth 0.0\n# TYPE other counter\nother 1\n")
        #expect(documented.hasPrefix("# HELP tix_inbox_depth Submissions waiting"))
        #expect(!documented.contains("# HELP other"))
    }
}
