import GRDB

extension LedgerReader {
    /// One consistent read of the last commit for the dashboard's aggregate SQL, on a WAL reader
    /// connection: it never waits for the writer, and the writer never waits for it.
    public func aggregate<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }
}
