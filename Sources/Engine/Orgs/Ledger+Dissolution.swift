/// Dissolving an org: its treasury, inventory and factories go to the holder of the top role who
/// dissolves it, its lines and payroll stop, its members leave. Nothing is lost: an org with crafts
/// running or orders open is refused until they finish or are cancelled.
extension Ledger {
    /// A dissolved org takes nothing in: what reached it could never leave.
    func refuseDissolved(_ name: String, id: Int64, _ db: HotConnection) throws {
        if try db.first("SELECT 1 FROM orgs WHERE account_id = ? AND dissolved_seq IS NOT NULL", .int(id), read: { $0.int(0) }) != nil {
            throw Rejection.orgDissolved(name)
        }
    }

    func dissolve(_ org: OrgStore.Ref, by actor: String, seq: Int64, _ db: HotConnection) throws -> [Posting] {
        let acting = try requireMember(actor, of: org, may: .govern, db)
        guard acting.role.name == org.kind.topRole else {
            throw Rejection.notPermitted(actor: actor, action: "dissolve \(org.name): only its \(org.kind.topRole) does")
        }
        let crafts = try db.first(
            "SELECT COUNT(*) FROM jobs WHERE owner_id = ? AND kind = 'craft' AND state = 'pending'", .int(org.id)) { $0.int(0) } ?? 0
        guard crafts == 0 else { throw Rejection.orgBusy(org: org.name, reason: "\(crafts) crafts are still running") }
        let orders = try db.first(
            "SELECT COUNT(*) FROM orders WHERE account_id = ? AND state = 'open'", .int(org.id)) { $0.int(0) } ?? 0
        guard orders == 0 else { throw Rejection.orgBusy(org: org.name, reason: "\(orders) market orders are open") }

        let queue = JobQueue(db: db)
        for job in try db.all(
            "SELECT id FROM jobs WHERE owner_id = ? AND kind IN ('line', 'payroll') AND state = 'pending'", .int(org.id), read: { $0.int(0) })
        {
            try queue.finish(job, as: .cancelled, seq: seq)
        }
        try db.run("UPDATE org_lines SET status = 'stopped', job_id = NULL WHERE org_id = ?", .int(org.id))
        let holdings = try db.all(
            "SELECT s.code, b.amount FROM balances b JOIN assets s ON s.id = b.asset_id WHERE b.account_id = ? AND b.amount > 0 ORDER BY s.id",
            .int(org.id)) { (asset: $0.text(0), amount: $0.int(1)) }
        let postings = holdings.isEmpty ? [] : try post(
            holdings.map { Posting(from: org.name, to: actor, asset: $0.asset, amount: $0.amount) }, seq, db)
        try db.run("UPDATE factories SET owner_id = ? WHERE owner_id = ?", .int(acting.memberID), .int(org.id))
        if org.kind == .state {
            for citizen in try db.all(
                "SELECT a.name FROM org_members m JOIN accounts a ON a.id = m.account_id WHERE m.org_id = ? AND m.state = 'member'",
                .int(org.id), read: { $0.text(0) })
            {
                try citizens.set(citizen, to: nil, db)
            }
        }
        try db.run("DELETE FROM org_members WHERE org_id = ?", .int(org.id))
        try db.run(
            "UPDATE orgs SET dissolved_seq = ?, payroll_period = NULL, payroll_job = NULL WHERE account_id = ?", .int(seq), .int(org.id))
        return postings
    }
}
