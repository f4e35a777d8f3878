/// Payroll: every period the job queue pays each member their wage from the treasury, in member order.
/// A wage the treasury cannot pay is skipped and recorded as such, never overdrawn; the next payday
/// comes all the same.
extension Ledger {
    /// Sets or stops (period 0) the payroll; a new period starts counting now.
    func setPayroll(
        every period: Int64, of org: OrgStore.Ref, by actor: String, seq: Int64, at: Int64, format: JournalFormat,
        _ db: HotConnection
    ) throws {
        try requireMember(actor, of: org, may: .govern, db)
        guard period >= 0 else { throw Rejection.nonPositiveAmount }
        let queue = JobQueue(db: db)
        if let job = org.payrollJob, try queue.pending(job) != nil { try queue.finish(job, as: .cancelled, seq: seq) }
        guard period > 0 else {
            try db.run("UPDATE orgs SET payroll_period = NULL, payroll_job = NULL WHERE account_id = ?", .int(org.id))
            return
        }
        let (due, overflow) = at.addingReportingOverflow(period)
        guard !overflow else { throw Rejection.nonPositiveAmount }
        let job = try queue.schedule(.payroll(org.name), dueAt: due, seq: seq, format: format, owner: org.id)
        try db.run("UPDATE orgs SET payroll_period = ?, payroll_job = ? WHERE account_id = ?", .int(period), .int(job), .int(org.id))
    }

    /// A payday: wages paid while the treasury lasts, the rest recorded as skipped; then the next one.
    func payday(_ name: String, dueAt: Int64, seq: Int64, format: JournalFormat, _ db: HotConnection) throws -> [Posting] {
        guard let org = try? OrgStore(db: db).require(name), let period = org.payrollPeriod else { return [] }
        let wages = try db.all(
            """
            SELECT m.account_id, a.name, m.wage FROM org_members m JOIN accounts a ON a.id = m.account_id
            WHERE m.org_id = ? AND m.state = 'member' AND m.wage > 0 ORDER BY m.account_id
            """,
            .int(org.id)) { (id: $0.int(0), name: $0.text(1), wage: $0.int(2)) }
        var postings: [Posting] = []
        var left = try OrgStore(db: db).ticketBalance(of: org.id)
        for wage in wages {
            let paid = wage.wage <= left
            if paid {
                postings += try post([Posting(from: org.name, to: wage.name, asset: Asset.ticket.code, amount: wage.wage)], seq, db)
                left -= wage.wage
            }
            try db.run(
                "INSERT INTO payroll_payments (org_id, seq, account_id, amount, paid) VALUES (?, ?, ?, ?, ?)",
                .int(org.id), .int(seq), .int(wage.id), .int(wage.wage), .int(paid ? 1 : 0))
        }
        let (next, overflow) = dueAt.addingReportingOverflow(period)
        guard !overflow else { return postings }
        let job = try JobQueue(db: db).schedule(.payroll(org.name), dueAt: next, seq: seq, format: format, owner: org.id)
        try db.run("UPDATE orgs SET payroll_job = ? WHERE account_id = ?", .int(job), .int(org.id))
        return postings
    }
}
