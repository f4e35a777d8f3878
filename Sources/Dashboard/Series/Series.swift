import Engine

/// One chart's data, published at `/data/<name>.csv` and `.json`. Adding a panel is one type that
/// conforms to this and one line in ``SeriesRegistry/standard``.
public protocol Series: Sendable {
    /// Stable, URL-safe: `/data/<name>.csv`.
    var name: String { get }
    var title: String { get }
    /// What it shows and how it is computed, in one or two sentences for the page.
    var summary: String { get }
    var chart: ChartKind { get }
    func table(in context: SeriesContext) throws -> Table
    /// Whether the chart draws a numeric column (all by default): a panel leaves out the columns whose
    /// scale would flatten the others.
    func plots(_ column: String) -> Bool
    /// Whether a column holds ticket minor units, shown on the page as tickets (`12.50`); the data
    /// files keep minor units. None by default.
    func isTickets(_ column: String) -> Bool
}

/// How a panel draws its table.
public enum ChartKind: Sendable, Hashable {
    /// One line per numeric column over the rows (days), the first column labelling the x axis.
    case lines
    /// The same with the first column numeric from 0 to 1 and the diagonal of equality drawn (Lorenz).
    case curve
    /// No chart: the table itself (figures of the moment, small lists).
    case table
}

/// What a series is computed from: the reader (for the tables of the moment), the incremental
/// per-day totals and activity windows, and the days the visitor asked to see.
public struct SeriesContext: Sendable {
    public let reader: LedgerReader
    /// Every day's totals since the first entry.
    public let days: [Int64: DayBook.Day]
    public let activity: ActivityWindows
    let balances: PlayerBalances
    /// The days shown, oldest first, every day present even when nothing happened on it.
    public let range: ClosedRange<Int64>
}

extension SeriesContext {
    init(reader: LedgerReader, book: DayBook.Snapshot, balances: PlayerBalances, range: ClosedRange<Int64>) {
        self.reader = reader
        days = book.days
        activity = book.activity
        self.balances = balances
        self.range = range
    }

    /// `2026-12-01` for a day number (UTC days since 1970).
    public static func date(_ day: Int64) -> String { UTCDate.text(day) }

    /// A table with the `day` column first and one row per day of the range, `values` filling the rest.
    func daily(_ columns: [String], _ values: (Int64, DayBook.Day) -> [Table.Cell]) -> Table {
        Table(columns: ["day"] + columns, rows: range.map { day in
            [.text(Self.date(day))] + values(day, days[day] ?? DayBook.Day())
        })
    }

    /// Tickets issued and not burned before the range's first day: where its running circulating starts.
    var circulatingBefore: Int64 {
        days.filter { $0.key < range.lowerBound }.values.reduce(0) { $0 + $1.issued - $1.burned }
    }

    /// The keys that occur in the range, sorted: the columns of a per-source table.
    func keys(_ keys: (DayBook.Day) -> [String]) -> [String] {
        Set(range.flatMap { days[$0].map(keys) ?? [] }).sorted()
    }
}

extension Series {
    public func plots(_ column: String) -> Bool { true }
    public func isTickets(_ column: String) -> Bool { false }
}
