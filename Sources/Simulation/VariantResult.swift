import Dashboard
import Engine
import Foundation

/// What one variant's run produced: its daily series (the dashboard's, over the simulated days, and
/// the players' Gini and median day by day), the journal's head hash, and how fast it ran.
public struct VariantResult: Sendable {
    public let name: String
    public let headHash: String
    public let applied: Int
    public let refused: Int
    public let seconds: Double
    public let tables: [(series: any Series, table: Table)]
    /// Tickets in circulation at the end, and those issued and burned over the run (minor units).
    public let circulating: Int64
    public let issued: Int64
    public let burned: Int64
    public let marketTickets: Int64
    public let crafts: Int64
    public let finalGini: Double
    public let finalMedian: Int64

    /// The dashboard's daily series the report charts, in order.
    static let seriesNames = ["supply", "faucets", "sinks", "activity", "pools", "market", "crafts"]

    init(
        name: String, engine: Engine, firstDay: Int64, days: Int, applied: Int, refused: Int, seconds: Double,
        distribution: [[Table.Cell]]
    ) throws {
        self.name = name
        self.applied = applied
        self.refused = refused
        self.seconds = seconds
        let head = try engine.reader.headSeq()
        headHash = try engine.reader.journal(from: head, limit: 1).first?.hashHex ?? ""
        let book = try DayBook(reader: engine.reader).read()
        let context = SeriesContext(reader: engine.reader, book: book, range: firstDay...(firstDay + Int64(max(days, 1)) - 1))
        var tables: [(series: any Series, table: Table)] = []
        for seriesName in Self.seriesNames {
            guard let series = SeriesRegistry.standard.series(named: seriesName) else { continue }
            tables.append((series, try series.table(in: context)))
        }
        let daily = DailyDistribution(table: Table(columns: ["day", "gini", "median", "total"], rows: distribution))
        tables.insert((daily, daily.table), at: 1)
        self.tables = tables
        let ticket = try engine.reader.supply().first { $0.asset == Asset.ticket.code }
        circulating = ticket?.circulating ?? 0
        issued = book.days.values.reduce(0) { $0 + $1.issued }
        burned = book.days.values.reduce(0) { $0 + $1.burned }
        marketTickets = book.days.values.reduce(0) { $0 + $1.fills.values.reduce(0) { $0 + $1.tickets } }
        crafts = book.days.values.reduce(0) { $0 + $1.crafts.values.reduce(0, +) }
        finalGini = distribution.last.flatMap { $0[1].number } ?? 0
        finalMedian = distribution.last.flatMap { $0[2].number.map { Int64($0) } } ?? 0
    }

    /// Writes `<directory>/<series>.csv` for every series.
    public func writeCSV(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (series, table) in tables {
            try table.csv.write(to: directory.appendingPathComponent("\(series.name).csv"), atomically: true, encoding: .utf8)
        }
    }
}

/// The players' ticket Gini and median at the end of each simulated day (the dashboard shows them for
/// the moment only; a run has every day's).
struct DailyDistribution: Series {
    let name = "distribution"
    let title = "Wealth distribution by day"
    let summary = "At each day's end: the Gini coefficient of players' tickets (0 equal, 1 one holds all) and the median balance."
    let chart = ChartKind.lines
    let table: Table

    func table(in context: SeriesContext) throws -> Table { table }
    func plots(_ column: String) -> Bool { column == "gini" }
    func isTickets(_ column: String) -> Bool { column == "median" || column == "total" }
}
