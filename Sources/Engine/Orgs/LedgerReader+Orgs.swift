import GRDB

/// An org as its members see it: roles, members, lines and the latest paydays. Its treasury and
/// inventory are its account's balances (``LedgerReader/balances(of:)``).
public struct OrgDetails: Codable, Sendable, Hashable {
    public struct Member: Codable, Sendable, Hashable {
        public var name: String
        public var role: String
        /// False while only invited.
        public var joined: Bool
        /// Ticket minor units per payday.
        public var wage: Int64
    }

    /// An assembly line and what it is doing: `running`, `starved on <item>`, `stopped...`.
    public struct Line: Codable, Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var stages: [LineStage]
        public var status: String
    }

    /// One wage of one payday: paid, or skipped because the treasury was dry.
    public struct Wage: Codable, Sendable, Hashable {
        public var seq: Int64
        public var member: String
        public var amount: Int64
        public var paid: Bool
    }

    public var org: Org
    public var roles: [OrgRole]
    public var members: [Member]
    public var lines: [Line]
    /// The latest wages, newest first.
    public var wages: [Wage]
    /// What the company charges to craft each recipe for others, in ticket minor units.
    public var prices: [String: Int64]
}

extension LedgerReader {
    /// Every org (of one kind, if given), in the order they were founded.
    public func orgs(kind: Org.Kind? = nil) throws -> [Org] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Self.orgSQL + " WHERE ? IS NULL OR o.kind = ? ORDER BY o.account_id", arguments: [kind?.rawValue, kind?.rawValue])
                .map(Self.org)
        }
    }

    /// One org with its roles, members, lines and latest wages.
    public func org(named name: String) throws -> OrgDetails {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: Self.orgSQL + " WHERE a.name = ?", arguments: [name]) else {
                throw Rejection.unknownOrg(name)
            }
            let id: Int64 = row["account_id"]
            let roles = try Row.fetchAll(db, sql: "SELECT * FROM org_roles WHERE org_id = ? ORDER BY name", arguments: [id]).map {
                OrgRole(name: $0["name"], permissions: OrgRole.permissions(stored: $0["permissions"]), dailyCap: $0["daily_cap"])
            }
            let members = try Row.fetchAll(db, sql: """
                SELECT a.name, m.role, m.state, m.wage FROM org_members m JOIN accounts a ON a.id = m.account_id
                WHERE m.org_id = ? ORDER BY m.since_seq, a.id
                """, arguments: [id]).map {
                OrgDetails.Member(name: $0["name"], role: $0["role"], joined: $0["state"] == "member", wage: $0["wage"])
            }
            let lines = try Row.fetchAll(db, sql: "SELECT * FROM org_lines WHERE org_id = ? ORDER BY id", arguments: [id]).map {
                OrgDetails.Line(
                    id: $0["id"], name: $0["name"], stages: try Canonical.decode([LineStage].self, from: $0["stages"]), status: $0["status"])
            }
            let wages = try Row.fetchAll(db, sql: """
                SELECT p.seq, a.name, p.amount, p.paid FROM payroll_payments p JOIN accounts a ON a.id = p.account_id
                WHERE p.org_id = ? ORDER BY p.id DESC LIMIT 50
                """, arguments: [id]).map {
                OrgDetails.Wage(seq: $0["seq"], member: $0["name"], amount: $0["amount"], paid: $0["paid"])
            }
            let prices = try Row.fetchAll(db, sql: "SELECT recipe, price FROM org_prices WHERE org_id = ?", arguments: [id])
            return OrgDetails(
                org: Self.org(row), roles: roles, members: members, lines: lines, wages: wages,
                prices: Dictionary(uniqueKeysWithValues: prices.map { ($0["recipe"], $0["price"]) }))
        }
    }

    /// The orgs `account` belongs to (or is invited to), with its role.
    public func memberships(of account: String) throws -> [(org: String, kind: Org.Kind, role: String, joined: Bool)] {
        try pool.read { db in
            let id = try Self.accountID(named: account, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT a.name, o.kind, m.role, m.state FROM org_members m JOIN orgs o ON o.account_id = m.org_id
                JOIN accounts a ON a.id = o.account_id WHERE m.account_id = ? ORDER BY o.account_id
                """, arguments: [id]).map { ($0["name"], Org.Kind(rawValue: $0["kind"]) ?? .company, $0["role"], $0["state"] == "member") }
        }
    }

    private static let orgSQL = """
        SELECT o.account_id, a.name, o.kind, f.name AS founder, o.tax_rule, o.payroll_period, o.dissolved_seq
        FROM orgs o JOIN accounts a ON a.id = o.account_id JOIN accounts f ON f.id = o.founder_id
        """

    private static func org(_ row: Row) -> Org {
        Org(
            name: row["name"], kind: Org.Kind(rawValue: row["kind"]) ?? .company, founder: row["founder"], taxRule: row["tax_rule"],
            payrollPeriod: row["payroll_period"], dissolved: row["dissolved_seq"] as Int64? != nil)
    }
}
