import GRDB

/// The API's reads: keys (to authenticate a request and for `tix apikey list`), allowances, links.
extension LedgerReader {
    public func apiKey(id: Int64) throws -> ApiKey? {
        try pool.read { db in
            try Row.fetchOne(db, sql: Self.keySQL + " WHERE k.id = ?", arguments: [id]).map(Self.key)
        }
    }

    public func apiKeys(of org: String) throws -> [ApiKey] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Self.keySQL + " WHERE a.name = ? ORDER BY k.id", arguments: [org]).map(Self.key)
        }
    }

    /// The allowances a player granted, or those granted to an org (`org` set), with today's charges.
    public func allowances(player: String? = nil, org: String? = nil, day: Int64) throws -> [Allowance] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.name AS player, o.name AS org, l.daily,
                        COALESCE((SELECT s.amount FROM allowance_spending s
                                  WHERE s.player_id = l.player_id AND s.org_id = l.org_id AND s.day = ?), 0) AS spent
                    FROM allowances l JOIN accounts p ON p.id = l.player_id JOIN accounts o ON o.id = l.org_id
                    WHERE (? IS NULL OR p.name = ?) AND (? IS NULL OR o.name = ?) ORDER BY p.name, o.name
                    """,
                arguments: [day, player, player, org, org]
            ).map { Allowance(player: $0["player"], org: $0["org"], daily: $0["daily"], spentToday: $0["spent"]) }
        }
    }

    /// The account a game identity of `org` is linked to, if any.
    public func linkedAccount(org: String, subject: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT p.name FROM links l JOIN accounts o ON o.id = l.org_id JOIN accounts p ON p.id = l.account_id
                    WHERE o.name = ? AND l.subject = ?
                    """,
                arguments: [org, subject])
        }
    }

    private static let keySQL = """
        SELECT k.id, a.name AS org, k.scopes, k.secret_hash, k.max_per_request, k.daily_cap, k.expires_at,
            k.revoked_seq IS NOT NULL AS revoked
        FROM api_keys k JOIN accounts a ON a.id = k.org_id
        """

    private static func key(_ row: Row) -> ApiKey {
        ApiKey(
            id: row["id"], org: row["org"], scopes: ApiScope.parse(row["scopes"]) ?? [], secretHash: row["secret_hash"],
            maxPerRequest: row["max_per_request"], dailyCap: row["daily_cap"], expiresAt: row["expires_at"], revoked: row["revoked"])
    }
}
