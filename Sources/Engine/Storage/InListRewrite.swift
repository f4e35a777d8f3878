import GRDB

/// Rewrites `column IN ('a', 'b', 'c')` in a table's CHECK constraints and partial indexes as
/// `(column = 'a' OR column = 'b' OR column = 'c')`, which means the same (NULL included).
///
/// SQLite codes an IN list of more than two constants as a temporary b-tree, built afresh each time a
/// statement runs: every INSERT or UPDATE of a `jobs` or `orders` row paid about 4 µs for its CHECK on
/// `state`, twice the cost of the rest of the statement (BENCHMARKS.md, #16). Comparisons cost nothing of the kind.
///
/// SQLite cannot change a CHECK constraint in place, so the table is rebuilt as its documentation
/// prescribes (lang_altertable.html, "other kinds of table schema changes"): a new table from the stored
/// definition with the lists rewritten, the rows copied, the old table dropped, the new
/// one renamed, its indexes created again. Run it in a migration: GRDB defers foreign-key checks to its end.
package enum InListRewrite {
    package static func rebuild(_ table: String, in db: Database) throws {
        guard let definition = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", arguments: [table])
        else { throw DatabaseError(message: "no table \(table) to rebuild") }
        let rewritten = rewrite(definition)
        guard rewritten != definition else { throw DatabaseError(message: "\(table) has no IN list to rewrite") }
        let indexes = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", arguments: [table])
        let (created, staging) = ("CREATE TABLE \(table) ", "\(table)_rebuilt")
        guard rewritten.hasPrefix(created) else { throw DatabaseError(message: "\(table)'s definition does not start as expected") }
        try db.execute(sql: "CREATE TABLE \(staging) " + rewritten.dropFirst(created.count))
        let columns = try db.columns(in: table).map { $0.name.quotedDatabaseIdentifier }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO \(staging) (\(columns)) SELECT \(columns) FROM \(table);
            DROP TABLE \(table);
            ALTER TABLE \(staging) RENAME TO \(table);
            """)
        for index in indexes { try db.execute(sql: rewrite(index)) }
    }

    /// `sql` with each IN list of three or more quoted constants written as comparisons.
    static func rewrite(_ sql: String) -> String {
        sql.replacing(/(?<column>\w+)\s+IN\s*\((?<list>\s*'[^']*'(?:\s*,\s*'[^']*'){2,}\s*)\)/) { match in
            let column = String(match.column)
            guard column.uppercased() != "NOT" else { return String(match.output.0) }  // NOT IN: left alone
            let values = match.list.matches(of: /'[^']*'/).map { String($0.output) }
            return "(" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")"
        }
    }
}
