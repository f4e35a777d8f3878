import Crypto
import GRDB

/// A digest of the whole ledger state: accounts, assets, every non-zero balance, the market's orders and
/// fills, the reward claims and their days, the invites, the job queue, the factories, the pools with
/// their history, and the Parliament's proposals, votes, adopted recipes, patents and licenses, in id order.
/// Two databases with equal state hashes hold the same economy.
enum StateHash {
    static func compute(in db: Database, tablesOf reference: Database? = nil) throws -> [UInt8] {
        var hasher = SHA256()
        func update(_ field: DatabaseValue) {
            let field = field.description
            hasher.update(data: Array("\(field.utf8.count):\(field)".utf8))
        }
        func hash(_ sql: String, _ columns: Int) throws {
            hasher.update(data: Array(sql.utf8))
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                for column in 0..<columns { update(row[column]) }
            }
        }
        // The job queue as it was hashed while jobs held payloads: a database from before "v16 job
        // columns" (verified as it was stored) and its replay, which has the columns, hash alike.
        func hashJobs() throws {
            let legacy = "SELECT id, kind, payload, due_at, state, attempts, finished_seq FROM jobs ORDER BY id"
            guard try !db.columns(in: "jobs").contains(where: { $0.name == "payload" }) else { return try hash(legacy, 7) }
            hasher.update(data: Array(legacy.utf8))
            let queue = JobQueue(reading: db)
            let rows = try Row.fetchCursor(db, sql: "SELECT id, kind, due_at, state, attempts, finished_seq FROM jobs ORDER BY id")
            while let row = try rows.next() {
                guard let (queued, format) = try queue.job(row[0]) else { continue }
                let fields: [DatabaseValue] = [row[0], row[1], try queued.job.payload(format).databaseValue, row[2], row[3], row[4], row[5]]
                fields.forEach(update)
            }
        }
        for (sql, columns) in [
            ("SELECT id, name, kind, created_at FROM accounts ORDER BY id", 4),
            ("SELECT id, code, kind, scale FROM assets ORDER BY id", 4),
            ("SELECT account_id, asset_id, amount FROM balances WHERE amount != 0 ORDER BY account_id, asset_id", 3),
            ("SELECT id, account_id, asset_id, side, price, quantity, remaining, expires_at, state FROM orders ORDER BY id", 9),
            ("SELECT id, seq, buy_order, sell_order, quantity, price, fee FROM fills ORDER BY id", 7),
            ("SELECT account_id, kind, last_at, streak FROM reward_claims ORDER BY account_id, kind", 4),
        ] {
            try hash(sql, columns)
        }
        try hashJobs()
        for (sql, columns) in [
            ("SELECT id, owner_id, name FROM factories ORDER BY id", 3),
            ("SELECT factory_id, asset_id, count FROM factory_components ORDER BY factory_id, asset_id", 3),
            ("SELECT id, asset_id, account_id, created_seq FROM pools ORDER BY id", 4),
            ("SELECT id, pool_id, seq, at, reserve_items, reserve_tickets, volume_tickets FROM pool_history ORDER BY id", 7),
        ] {
            try hash(sql, columns)
        }
        // Tables added since: hashed when `reference` has them too, so a file from before one (which
        // `tix verify` reads as it was stored) is compared with its replay on what both hold.
        for (table, sql, columns) in [
            ("reward_days", "SELECT account_id, kind, day, claims, amount FROM reward_days ORDER BY account_id, kind, day", 5),
            ("invites", "SELECT invitee_id, inviter_id, named_seq, paid_seq FROM invites ORDER BY invitee_id", 4),
            ("proposals", """
                SELECT id, inventor_id, recipe, title, version, deposit, state, voting_at, closes_at, veto_ends_at, eligible,
                       yes, no, abstain, activated_seq, decided_seq, veto_reason, vetoed_by FROM proposals ORDER BY id
                """, 18),
            ("proposal_voters", """
                SELECT proposal_id, account_id, eligible, reason, choice, voted_seq FROM proposal_voters
                ORDER BY proposal_id, account_id
                """, 6),
            ("vetoers", "SELECT account_id FROM vetoers ORDER BY account_id", 1),
            ("adopted_recipes", "SELECT recipe, proposal_id, version, enacted_seq FROM adopted_recipes ORDER BY recipe", 4),
            ("patents", "SELECT recipe, asset_id, proposal_id, expires_at, open_royalty, earned FROM patents ORDER BY recipe", 6),
            ("licenses", """
                SELECT recipe, licensee_id, royalty, crafts_left, expires_at, granted_seq, paid FROM licenses
                ORDER BY recipe, licensee_id
                """, 7),
            ("orgs", "SELECT account_id, kind, founder_id, created_seq, tax_rule, payroll_period, payroll_job, dissolved_seq FROM orgs ORDER BY account_id", 8),
            ("org_roles", "SELECT org_id, name, permissions, daily_cap FROM org_roles ORDER BY org_id, name", 4),
            ("org_members", "SELECT org_id, account_id, role, state, wage, since_seq FROM org_members ORDER BY org_id, account_id", 6),
            ("org_spending", "SELECT org_id, account_id, day, amount FROM org_spending ORDER BY org_id, account_id, day", 4),
            ("org_lines", "SELECT id, org_id, name, stages, status, job_id FROM org_lines ORDER BY id", 6),
            ("org_prices", "SELECT org_id, recipe, price FROM org_prices ORDER BY org_id, recipe", 3),
            ("payroll_payments", "SELECT id, org_id, seq, account_id, amount, paid FROM payroll_payments ORDER BY id", 6),
            ("api_keys", """
                SELECT id, org_id, scopes, secret_hash, max_per_request, daily_cap, expires_at, created_seq, revoked_seq
                FROM api_keys ORDER BY id
                """, 9),
            ("api_key_spending", "SELECT key_id, day, amount FROM api_key_spending ORDER BY key_id, day", 3),
            ("allowances", "SELECT player_id, org_id, daily FROM allowances ORDER BY player_id, org_id", 3),
            ("allowance_spending", "SELECT player_id, org_id, day, amount FROM allowance_spending ORDER BY player_id, org_id, day", 4),
            ("link_codes", "SELECT code, org_id, subject, expires_at FROM link_codes ORDER BY code", 4),
            ("links", "SELECT org_id, subject, account_id, linked_seq FROM links ORDER BY org_id, subject", 4),
            // Endpoints are journaled state; their deliveries' progress is the worker's, not the economy's.
            ("webhook_endpoints", """
                SELECT id, org_id, url, events, secret, created_seq, rotated_seq, removed_seq FROM webhook_endpoints ORDER BY id
                """, 8),
        ] where try (reference ?? db).tableExists(table) {
            try hash(sql, columns)
        }
        return Array(hasher.finalize())
    }
}
