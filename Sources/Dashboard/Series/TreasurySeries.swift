import Engine
import GRDB

/// L2: the treasuries of companies, states and game servers, the tickets the L1's fees do not burn.
struct TreasurySeries: Series {
    let name = "treasuries"
    let title = "L2 treasuries"
    let summary = "Each organization's treasury in tickets and its inventory in item units, with its members, largest treasury first; dissolved ones are left out."
    let chart = ChartKind.table

    func table(in context: SeriesContext) throws -> Table {
        let rows = try context.reader.aggregate { db in
            try Row.fetchAll(db, sql: """
                SELECT a.name, o.kind,
                       (SELECT COUNT(*) FROM org_members m WHERE m.org_id = o.account_id AND m.state = 'member') AS members,
                       COALESCE((SELECT b.amount FROM balances b JOIN assets s ON s.id = b.asset_id
                                 WHERE b.account_id = o.account_id AND s.code = 'TIX'), 0) AS tickets,
                       COALESCE((SELECT SUM(b.amount) FROM balances b JOIN assets s ON s.id = b.asset_id
                                 WHERE b.account_id = o.account_id AND s.code <> 'TIX'), 0) AS items
                FROM orgs o JOIN accounts a ON a.id = o.account_id
                WHERE o.dissolved_seq IS NULL
                ORDER BY tickets DESC, a.name
                """)
        }
        return Table(
            columns: ["org", "kind", "members", "treasury", "items"],
            rows: rows.map { [.text($0["name"]), .text($0["kind"]), .int($0["members"]), .int($0["tickets"]), .int($0["items"])] })
    }

    func isTickets(_ column: String) -> Bool { column == "treasury" }
}
