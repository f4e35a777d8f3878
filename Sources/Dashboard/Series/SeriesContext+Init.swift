import Engine

extension SeriesContext {
    /// A context outside the dashboard's routes: the simulator computes the same series over the days
    /// it simulated.
    public init(reader: LedgerReader, book: DayBook.Snapshot, range: ClosedRange<Int64>) {
        self.init(reader: reader, book: book, balances: PlayerBalances(), range: range)
    }
}
