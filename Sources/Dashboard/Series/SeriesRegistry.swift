/// Every series the dashboard publishes, and the pages that show them.
public struct SeriesRegistry: Sendable {
    public var series: [any Series]
    public var pages: [DashboardPage]

    public static let standard = SeriesRegistry(
        series: [
            SupplySeries(), FaucetSeries(), SinkSeries(), ActivitySeries(), DistributionSeries(), LorenzSeries(),
            CohortSeries(), PoolSeries(), IndexSeries(), MarketSeries(), SpreadSeries(), CraftSeries(), ItemSeries(), QueueSeries(),
            ProposalSeries(), PatentSeries(), TreasurySeries(),
        ],
        pages: [
            DashboardPage(path: "", title: "Economy", series: ["supply", "faucets", "sinks", "activity"]),
            DashboardPage(path: "distribution", title: "Distribution", series: ["distribution", "lorenz", "cohorts"]),
            DashboardPage(path: "prices", title: "Prices", series: ["pools", "indices", "market", "spreads"]),
            DashboardPage(path: "production", title: "Production", series: ["crafts", "items", "queue"]),
            DashboardPage(path: "governance", title: "Governance", series: ["proposals", "patents"]),
            DashboardPage(path: "l2", title: "L2", series: ["treasuries"]),
        ])

    public func series(named name: String) -> (any Series)? {
        series.first { $0.name == name }
    }
}

/// A page of panels, at `/<path>`.
public struct DashboardPage: Sendable, Hashable {
    public var path: String
    public var title: String
    /// Series names, in the order the panels appear.
    public var series: [String]
}
