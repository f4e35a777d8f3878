import GRDB

/// The ledger's invariants, checked by `tix verify` and by the tests after every command.
///
/// - every asset sums to zero over all accounts (double entry);
/// - only `mint` is ever below zero;
/// - each stored balance equals the sum of the postings that touched it;
/// - circulating supply equals issued minus burned;
/// - escrow holds exactly what open orders, running crafts, fitted components and open proposals set aside;
/// - each pool's last recorded reserves are its account's balances;
/// - no pool's `k = items·tickets` ever falls from one recorded change to the next.
public enum Invariants {
    /// Human-readable violations; empty when the ledger is sound.
    public static func violations(in db: Database) throws -> [String] {
        var found: [String] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT a.code, SUM(b.amount) AS total FROM balances b JOIN assets a ON a.id = b.asset_id
            GROUP BY a.id HAVING total != 0
            """) {
            found.append("asset \(row["code"] as String) sums to \(row["total"] as Int64) instead of zero")
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT c.name, a.code, b.amount FROM balances b
            JOIN accounts c ON c.id = b.account_id JOIN assets a ON a.id = b.asset_id
            WHERE b.amount < 0 AND c.name != 'mint'
            """) {
            found.append("\(row["name"] as String) holds \(row["amount"] as Int64) \(row["code"] as String), below zero")
        }
        for row in try Row.fetchAll(db, sql: """
            WITH moved AS (
                SELECT credit_id AS account_id, asset_id, amount FROM postings
                UNION ALL SELECT debit_id, asset_id, -amount FROM postings),
            sums AS (SELECT account_id, asset_id, SUM(amount) AS amount FROM moved GROUP BY account_id, asset_id)
            SELECT c.name, a.code, COALESCE(b.amount, 0) AS stored, COALESCE(s.amount, 0) AS posted
            FROM sums s FULL OUTER JOIN balances b ON b.account_id = s.account_id AND b.asset_id = s.asset_id
            JOIN accounts c ON c.id = COALESCE(s.account_id, b.account_id)
            JOIN assets a ON a.id = COALESCE(s.asset_id, b.asset_id)
            WHERE COALESCE(b.amount, 0) != COALESCE(s.amount, 0)
            """) {
            found.append(
                "\(row["name"] as String) holds \(row["stored"] as Int64) \(row["code"] as String)"
                    + " but its postings sum to \(row["posted"] as Int64)")
        }
        for supply in try Supply.all(in: db) where supply.circulating != supply.issued - supply.burned {
            found.append(
                "\(supply.asset): circulating \(supply.circulating) != issued \(supply.issued) - burned \(supply.burned)")
        }
        // A craft's inputs sit in `job_items`, or, in a database from before "v16 job columns" (verified
        // as it is, unmigrated), where its payload's format puts them; before the `format` column, format 1.
        let format = try db.columns(in: "jobs").contains { $0.name == "format" } ? "j.format" : "1"
        let inputs = try db.tableExists("job_items") ? """
            SELECT (SELECT id FROM assets WHERE code = i.asset), i.amount
            FROM jobs j JOIN job_items i ON i.job_id = j.id AND i.output = 0
            """ : """
            SELECT (SELECT id FROM assets WHERE code = json_extract(i.value, '$.asset')), json_extract(i.value, '$.amount')
            FROM jobs j, json_each(j.payload, CASE \(format) WHEN 1 THEN '$.craft._0.inputs' ELSE '$.craft.inputs' END) i
            """
        // Proposals still open hold their deposits there, on databases that have proposals.
        let deposits = try db.tableExists("proposals") ? """
            UNION ALL SELECT (SELECT id FROM assets WHERE code = 'TIX'), deposit FROM proposals
            WHERE state IN ('pending', 'active', 'approved')
            """ : ""
        for row in try Row.fetchAll(db, sql: """
            WITH owed AS (
                SELECT CASE side WHEN 'buy' THEN (SELECT id FROM assets WHERE code = 'TIX') ELSE asset_id END AS asset_id,
                       CASE side WHEN 'buy' THEN remaining * price ELSE remaining END AS amount
                FROM orders WHERE state = 'open'
                UNION ALL SELECT asset_id, count FROM factory_components
                UNION ALL \(inputs) WHERE j.state = 'pending' AND j.kind = 'craft'
                \(deposits)),
            needed AS (SELECT asset_id, SUM(amount) AS amount FROM owed GROUP BY asset_id),
            held AS (SELECT b.asset_id, b.amount FROM balances b JOIN accounts e ON e.id = b.account_id
                     WHERE e.name = 'escrow' AND b.amount != 0)
            SELECT a.code, COALESCE(h.amount, 0) AS held, COALESCE(n.amount, 0) AS needed
            FROM needed n FULL OUTER JOIN held h ON h.asset_id = n.asset_id
            JOIN assets a ON a.id = COALESCE(n.asset_id, h.asset_id)
            WHERE COALESCE(h.amount, 0) != COALESCE(n.amount, 0)
            """) {
            found.append(
                "escrow holds \(row["held"] as Int64) \(row["code"] as String) but orders, crafts and factories set aside \(row["needed"] as Int64)")
        }
        return found + (try poolViolations(in: db))
    }

    private static func poolViolations(in db: Database) throws -> [String] {
        var found: [String] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT a.code, h.reserve_items, h.reserve_tickets,
                  COALESCE((SELECT amount FROM balances WHERE account_id = p.account_id AND asset_id = p.asset_id), 0) AS items,
                  COALESCE((SELECT b.amount FROM balances b JOIN assets t ON t.id = b.asset_id
                            WHERE b.account_id = p.account_id AND t.code = ?), 0) AS tickets
                FROM pools p JOIN assets a ON a.id = p.asset_id
                LEFT JOIN pool_history h ON h.id = (SELECT MAX(id) FROM pool_history WHERE pool_id = p.id)
                WHERE h.id IS NULL OR h.reserve_items != items OR h.reserve_tickets != tickets
                """,
            arguments: [Asset.ticket.code]
        ) {
            let recorded = (row["reserve_items"] as Int64?).map { "\($0) and \(row["reserve_tickets"] as Int64)" } ?? "nothing"
            found.append(
                "pool \(row["code"] as String) holds \(row["items"] as Int64) and \(row["tickets"] as Int64)"
                    + " but its history records \(recorded)")
        }
        var previous: (pool: Int64, k: Int128)?
        let rows = try Row.fetchCursor(db, sql: """
            SELECT h.pool_id, a.code, h.seq, h.reserve_items, h.reserve_tickets FROM pool_history h
            JOIN pools p ON p.id = h.pool_id JOIN assets a ON a.id = p.asset_id ORDER BY h.pool_id, h.id
            """)
        while let row = try rows.next() {
            let pool: Int64 = row["pool_id"]
            let k = Int128(row["reserve_items"] as Int64) * Int128(row["reserve_tickets"] as Int64)
            if let previous, previous.pool == pool, k < previous.k {
                found.append("pool \(row["code"] as String): k fell from \(previous.k) to \(k) at entry \(row["seq"] as Int64)")
            }
            previous = (pool, k)
        }
        return found
    }
}
