/// The `orgs`, `org_roles` and `org_members` tables as the state machine uses them.
struct OrgStore {
    let db: HotConnection

    /// An org as the ledger acts on it.
    struct Ref {
        var id: Int64
        var name: String
        var kind: Org.Kind
        var founderID: Int64
        var taxRule: String?
        var payrollPeriod: Int64?
        var payrollJob: Int64?
        var dissolved: Bool
    }

    /// A membership row: a member, or a player invited and not yet joined.
    struct Member {
        var accountID: Int64
        var role: String
        var joined: Bool
        var wage: Int64
    }

    /// The org with this account name, or a refusal: unknown, or dissolved.
    func require(_ name: String) throws -> Ref {
        guard let org = try db.first(
            """
            SELECT o.account_id, o.kind, o.founder_id, COALESCE(o.tax_rule, ''), COALESCE(o.payroll_period, 0),
                   COALESCE(o.payroll_job, 0), o.dissolved_seq IS NOT NULL
            FROM orgs o JOIN accounts a ON a.id = o.account_id WHERE a.name = ?
            """,
            .text(name),
            read: {
                Ref(
                    id: $0.int(0), name: name, kind: Org.Kind(rawValue: $0.text(1)) ?? .company, founderID: $0.int(2),
                    taxRule: $0.text(3).isEmpty ? nil : $0.text(3), payrollPeriod: $0.int(4) == 0 ? nil : $0.int(4),
                    payrollJob: $0.int(5) == 0 ? nil : $0.int(5), dissolved: $0.int(6) != 0)
            })
        else { throw Rejection.unknownOrg(name) }
        guard !org.dissolved else { throw Rejection.orgDissolved(name) }
        return org
    }

    func insert(account: Int64, kind: Org.Kind, founder: Int64, seq: Int64) throws {
        try db.run(
            "INSERT INTO orgs (account_id, kind, founder_id, created_seq) VALUES (?, ?, ?, ?)",
            .int(account), .text(kind.rawValue), .int(founder), .int(seq))
    }

    func role(_ name: String, of org: Int64) throws -> OrgRole? {
        try db.first(
            "SELECT permissions, COALESCE(daily_cap, -1) FROM org_roles WHERE org_id = ? AND name = ?", .int(org), .text(name)
        ) { OrgRole(name: name, permissions: OrgRole.permissions(stored: $0.text(0)), dailyCap: $0.int(1) < 0 ? nil : $0.int(1)) }
    }

    func put(_ role: OrgRole, of org: Int64) throws {
        try db.run(
            """
            INSERT INTO org_roles (org_id, name, permissions, daily_cap) VALUES (?, ?, ?, ?)
            ON CONFLICT (org_id, name) DO UPDATE SET permissions = excluded.permissions, daily_cap = excluded.daily_cap
            """,
            .int(org), .text(role.name), .text(role.storedPermissions), role.dailyCap.map(SQLArgument.int) ?? .null)
    }

    func member(_ account: Int64, of org: Int64) throws -> Member? {
        try db.first(
            "SELECT role, state, wage FROM org_members WHERE org_id = ? AND account_id = ?", .int(org), .int(account)
        ) { Member(accountID: account, role: $0.text(0), joined: $0.text(1) == "member", wage: $0.int(2)) }
    }

    func put(_ member: Member, of org: Int64, seq: Int64) throws {
        try db.run(
            """
            INSERT INTO org_members (org_id, account_id, role, state, wage, since_seq) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (org_id, account_id) DO UPDATE SET role = excluded.role, state = excluded.state, wage = excluded.wage
            """,
            .int(org), .int(member.accountID), .text(member.role), .text(member.joined ? "member" : "invited"),
            .int(member.wage), .int(seq))
    }

    func remove(_ account: Int64, from org: Int64) throws {
        try db.run("DELETE FROM org_members WHERE org_id = ? AND account_id = ?", .int(org), .int(account))
    }

    /// Members holding `role`.
    func count(holding role: String, in org: Int64) throws -> Int64 {
        try db.first(
            "SELECT COUNT(*) FROM org_members WHERE org_id = ? AND role = ? AND state = 'member'", .int(org), .text(role)
        ) { $0.int(0) } ?? 0
    }

    /// The state `account` is a citizen of, if any: a player belongs to one state at most.
    func state(of account: Int64) throws -> String? {
        try db.first(
            """
            SELECT a.name FROM org_members m JOIN orgs o ON o.account_id = m.org_id JOIN accounts a ON a.id = o.account_id
            WHERE m.account_id = ? AND m.state = 'member' AND o.kind = 'state'
            """,
            .int(account)) { $0.text(0) }
    }

    /// Every citizen and their state, for ``CitizenCache``.
    func allCitizens() throws -> [(citizen: String, state: String)] {
        try db.all(
            """
            SELECT p.name, s.name FROM org_members m JOIN orgs o ON o.account_id = m.org_id
            JOIN accounts p ON p.id = m.account_id JOIN accounts s ON s.id = o.account_id
            WHERE m.state = 'member' AND o.kind = 'state'
            """) { ($0.text(0), $0.text(1)) }
    }

    /// Tickets (minor units) `account` moved out of `org` on journal day `day`, with `amount` added.
    func addSpending(_ amount: Int64, org: Int64, account: Int64, day: Int64) throws -> Int64 {
        try db.first(
            """
            INSERT INTO org_spending (org_id, account_id, day, amount) VALUES (?, ?, ?, ?)
            ON CONFLICT (org_id, account_id, day) DO UPDATE SET amount = amount + excluded.amount RETURNING amount
            """,
            .int(org), .int(account), .int(day), .int(amount)) { $0.int(0) } ?? amount
    }

    func ticketBalance(of account: Int64) throws -> Int64 {
        try db.first(
            "SELECT b.amount FROM balances b JOIN assets s ON s.id = b.asset_id WHERE b.account_id = ? AND s.code = 'TIX'",
            .int(account)) { $0.int(0) } ?? 0
    }
}
