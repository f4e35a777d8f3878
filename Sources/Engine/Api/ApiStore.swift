/// The `api_keys`, `allowances`, `link_codes` and `links` tables (and their daily spending) as the
/// state machine uses them.
struct ApiStore {
    let db: HotConnection

    /// A key as the ledger checks it.
    struct Key {
        var id: Int64
        var orgID: Int64
        var org: String
        var scopes: [ApiScope]
        var maxPerRequest: Int64?
        var dailyCap: Int64?
        var expiresAt: Int64?
        var revoked: Bool
    }

    func key(_ id: Int64) throws -> Key? {
        try db.first(
            """
            SELECT k.org_id, a.name, k.scopes, k.max_per_request, k.daily_cap, k.expires_at, k.revoked_seq IS NOT NULL
            FROM api_keys k JOIN accounts a ON a.id = k.org_id WHERE k.id = ?
            """,
            .int(id)
        ) {
            Key(
                id: id, orgID: $0.int(0), org: $0.text(1), scopes: ApiScope.parse($0.text(2)) ?? [],
                maxPerRequest: $0.optionalInt(3), dailyCap: $0.optionalInt(4), expiresAt: $0.optionalInt(5), revoked: $0.int(6) != 0)
        }
    }

    func insertKey(
        org: Int64, scopes: [ApiScope], hash: String, maxPerRequest: Int64?, dailyCap: Int64?, expiresAt: Int64?, seq: Int64
    ) throws -> Int64 {
        try db.run(
            """
            INSERT INTO api_keys (org_id, scopes, secret_hash, max_per_request, daily_cap, expires_at, created_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            .int(org), .text(scopes.map(\.rawValue).joined(separator: ",")), .text(hash),
            maxPerRequest.map(SQLArgument.int) ?? .null, dailyCap.map(SQLArgument.int) ?? .null,
            expiresAt.map(SQLArgument.int) ?? .null, .int(seq))
        return db.lastInsertedRowID
    }

    func revoke(_ key: Int64, seq: Int64) throws {
        try db.run("UPDATE api_keys SET revoked_seq = ? WHERE id = ? AND revoked_seq IS NULL", .int(seq), .int(key))
    }

    /// Ticket minor units the key moved on journal day `day`, with `amount` added.
    func addKeySpending(_ amount: Int64, key: Int64, day: Int64) throws -> Int64 {
        try db.first(
            """
            INSERT INTO api_key_spending (key_id, day, amount) VALUES (?, ?, ?)
            ON CONFLICT (key_id, day) DO UPDATE SET amount = amount + excluded.amount RETURNING amount
            """,
            .int(key), .int(day), .int(amount)) { $0.int(0) } ?? amount
    }

    func allowance(player: Int64, org: Int64) throws -> Int64? {
        try db.first("SELECT daily FROM allowances WHERE player_id = ? AND org_id = ?", .int(player), .int(org)) { $0.int(0) }
    }

    func putAllowance(_ daily: Int64, player: Int64, org: Int64) throws {
        try db.run(
            """
            INSERT INTO allowances (player_id, org_id, daily) VALUES (?, ?, ?)
            ON CONFLICT (player_id, org_id) DO UPDATE SET daily = excluded.daily
            """,
            .int(player), .int(org), .int(daily))
    }

    /// True when there was an allowance to remove.
    func removeAllowance(player: Int64, org: Int64) throws -> Bool {
        try db.run("DELETE FROM allowances WHERE player_id = ? AND org_id = ?", .int(player), .int(org)) > 0
    }

    /// Ticket minor units `org` charged `player` on journal day `day`, with `amount` added.
    func addAllowanceSpending(_ amount: Int64, player: Int64, org: Int64, day: Int64) throws -> Int64 {
        try db.first(
            """
            INSERT INTO allowance_spending (player_id, org_id, day, amount) VALUES (?, ?, ?, ?)
            ON CONFLICT (player_id, org_id, day) DO UPDATE SET amount = amount + excluded.amount RETURNING amount
            """,
            .int(player), .int(org), .int(day), .int(amount)) { $0.int(0) } ?? amount
    }

    func insertCode(_ code: String, org: Int64, subject: String, expiresAt: Int64) throws {
        try db.run(
            "INSERT INTO link_codes (code, org_id, subject, expires_at) VALUES (?, ?, ?, ?)",
            .text(code), .int(org), .text(subject), .int(expiresAt))
    }

    func code(_ code: String) throws -> (org: Int64, subject: String, expiresAt: Int64)? {
        try db.first("SELECT org_id, subject, expires_at FROM link_codes WHERE code = ?", .text(code)) {
            ($0.int(0), $0.text(1), $0.int(2))
        }
    }

    func removeCode(_ code: String) throws {
        try db.run("DELETE FROM link_codes WHERE code = ?", .text(code))
    }

    /// Ties the game identity to the account; a later link of the same identity replaces it.
    func putLink(org: Int64, subject: String, account: Int64, seq: Int64) throws {
        try db.run(
            """
            INSERT INTO links (org_id, subject, account_id, linked_seq) VALUES (?, ?, ?, ?)
            ON CONFLICT (org_id, subject) DO UPDATE SET account_id = excluded.account_id, linked_seq = excluded.linked_seq
            """,
            .int(org), .text(subject), .int(account), .int(seq))
    }
}
