import Engine

extension SeriesContext {
    /// A context outside the dashboard's routes: the simulator computes the same series over the days
    /// it simulated.
    public init(reader: LedgerReader, book days: [Int64: DayBook.Day], range: ClosedRange<Int64>) {
        self.reader = reader
        self.days = days
        self.range = range
    }
}
