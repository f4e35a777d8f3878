/// A value bound to a hot-path statement.
///
/// GRDB's `StatementArguments` box every value; on the ledger's hot path the engine binds these
/// directly with `sqlite3_bind_*` instead (see `Database.run`).
package enum SQLArgument {
    case int(Int64)
    case text(String)
    case blob([UInt8])
    case null
}
