import GRDB
import GRDBSQLite

/// A connection on the ledger's hot path: GRDB's `Database` plus statements prepared once per SQL
/// literal, bound and stepped through the C API.
///
/// GRDB's own statement cache hashes the whole SQL text on every call and its `StatementArguments` box
/// every value; here a statement is found by the address of its `StaticString` and values are bound
/// directly. Errors carry the SQL and SQLite's own message, as GRDB's do.
package struct HotConnection {
    let db: Database
    let statements: StatementCache

    package init(_ db: Database, statements: StatementCache) {
        self.db = db
        self.statements = statements
        statements.attach(to: db)
    }

    /// Executes a statement to completion and returns the number of rows it changed.
    @discardableResult
    package func run(_ sql: StaticString, _ arguments: SQLArgument...) throws -> Int {
        let statement = try prepare(sql, arguments)
        defer { sqlite3_reset(statement) }
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW { code = sqlite3_step(statement) }
        guard code == SQLITE_DONE else { throw failure(code, sql) }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Reads the first row, if any, through `read`.
    func first<T>(_ sql: StaticString, _ arguments: SQLArgument..., read: (RawRow) -> T) throws -> T? {
        let statement = try prepare(sql, arguments)
        defer { sqlite3_reset(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            let value = read(RawRow(statement: statement))
            // Let an UPDATE … RETURNING finish its work before the statement is reset.
            var code = sqlite3_step(statement)
            while code == SQLITE_ROW { code = sqlite3_step(statement) }
            guard code == SQLITE_DONE else { throw failure(code, sql) }
            return value
        case SQLITE_DONE: return nil
        case let code: throw failure(code, sql)
        }
    }

    /// Reads every row through `read`.
    func all<T>(_ sql: StaticString, _ arguments: SQLArgument..., read: (RawRow) throws -> T) throws -> [T] {
        var rows: [T] = []
        try each(sql, arguments) { rows.append(try read($0)) }
        return rows
    }

    /// Hands every row to `body` and keeps none: for reads that fold their rows as they come.
    func forEach(_ sql: StaticString, _ arguments: SQLArgument..., body: (RawRow) throws -> Void) throws {
        try each(sql, arguments, body)
    }

    private func each(_ sql: StaticString, _ arguments: [SQLArgument], _ body: (RawRow) throws -> Void) throws {
        let statement = try prepare(sql, arguments)
        defer { sqlite3_reset(statement) }
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW {
            try body(RawRow(statement: statement))
            code = sqlite3_step(statement)
        }
        guard code == SQLITE_DONE else { throw failure(code, sql) }
    }

    package var lastInsertedRowID: Int64 { db.lastInsertedRowID }

    /// Rows inserted, updated or deleted on this connection so far: whether a step wrote anything.
    var totalChanges: Int64 { sqlite3_total_changes64(db.sqliteConnection) }

    private func prepare(_ sql: StaticString, _ arguments: [SQLArgument]) throws -> SQLiteStatement {
        let statement = try statements.statement(sql, in: db)
        sqlite3_clear_bindings(statement)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 =
                switch argument {
                case .int(let value): sqlite3_bind_int64(statement, index, value)
                case .text(let value): Self.bind(value, to: statement, at: index)
                case .blob(let bytes): sqlite3_bind_blob(statement, index, bytes, Int32(bytes.count), SQLITE_TRANSIENT)
                case .null: sqlite3_bind_null(statement, index)
                }
            guard code == SQLITE_OK else { throw failure(code, sql) }
        }
        return statement
    }

    /// Binds text by its byte length, not up to its first NUL, so whatever is stored is the whole string
    /// the journal hashed.
    private static func bind(_ text: String, to statement: SQLiteStatement, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // An empty buffer may have no address, and a null pointer would bind NULL instead of "".
            guard let base = bytes.baseAddress else { return sqlite3_bind_text(statement, index, "", 0, SQLITE_TRANSIENT) }
            return sqlite3_bind_text64(
                statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), sqlite3_uint64(bytes.count),
                SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
        }
    }

    private func failure(_ code: Int32, _ sql: StaticString) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: sql.description)
    }
}

/// Prepared statements of one connection, keyed by the address of their SQL literal. Owned by whoever
/// owns the connection (the writer thread, a replay); not shared.
package final class StatementCache {
    private var connection: OpaquePointer?
    private var statements: [UnsafeRawPointer: Statement] = [:]

    package init() {}

    /// Statements belong to one connection: meeting another one starts the cache afresh.
    fileprivate func attach(to db: Database) {
        guard connection != db.sqliteConnection else { return }
        statements.removeAll()
        connection = db.sqliteConnection
    }

    /// How often SQLite has prepared the cached statements again: after a change of schema, or because a
    /// bound value decides whether a partial index applies (then at every change of that value).
    var reprepared: Int {
        statements.values.reduce(0) { $0 + Int(sqlite3_stmt_status($1.sqliteStatement, SQLITE_STMTSTATUS_REPREPARE, 0)) }
    }

    fileprivate func statement(_ sql: StaticString, in db: Database) throws -> SQLiteStatement {
        let key = UnsafeRawPointer(sql.utf8Start)
        if let statement = statements[key] { return statement.sqliteStatement }
        let statement = try db.makeStatement(sql: sql.description)
        statements[key] = statement
        return statement.sqliteStatement
    }
}

/// The current row of a stepped statement; valid only inside the `read` closure.
struct RawRow {
    let statement: SQLiteStatement

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The column's integer, or nil when it is NULL.
    func optionalInt(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
    }

    /// The column's text, or nil when it is NULL.
    func optionalText(_ column: Int32) -> String? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : text(column)
    }

    /// The column's text by its byte length, NULs included.
    func text(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let base = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }
}

/// SQLite copies the bound value before returning.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
