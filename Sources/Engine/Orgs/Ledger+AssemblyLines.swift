import Foundation

/// Assembly lines: recipes chained across an org's factories (ore → iron_ingot → tool). A line is a job
/// that ticks on the queue: each tick starts, in every stage whose factory is free, a craft from the
/// org's inventory, so one stage's output feeds the next; the next tick comes when the org's earliest
/// craft finishes, or after `idleTick` when nothing runs. Its status says what it does: `running`,
/// `starved on <item>` (nothing runs and a stage lacks that input) or `stopped`.
extension Ledger {
    /// How long a starved line waits before it looks at the inventory again.
    static let idleTick: Int64 = 60_000
    static let maxStages = 16

    func startLine(
        _ name: String, _ stages: [LineStage], of org: OrgStore.Ref, by actor: String, seq: Int64, at: Int64,
        format: JournalFormat, _ db: HotConnection
    ) throws -> Int64 {
        try requireMember(actor, of: org, may: .factories, db)
        guard org.kind == .company else { throw Rejection.wrongOrgKind(org: org.name, needs: .company) }
        guard (1...40).contains(name.count) else { throw Rejection.invalidFactoryName }
        guard (1...Self.maxStages).contains(stages.count) else { throw Rejection.invalidLine("a line has 1 to \(Self.maxStages) stages") }
        let store = FactoryStore(db: db)
        for stage in stages {
            try store.requireOwned(stage.factory, by: org.name)
            guard try rules.recipe(stage.recipe) != nil else { throw Rejection.unknownRecipe(stage.recipe) }
        }
        try db.run(
            "INSERT INTO org_lines (org_id, name, stages, status, created_seq) VALUES (?, ?, ?, 'running', ?)",
            .int(org.id), .text(name), .text(try Canonical.encode(stages)), .int(seq))
        let line = db.lastInsertedRowID
        try scheduleTick(line, org: org.id, at: at, seq: seq, format: format, db)
        return line
    }

    func stopLine(_ line: Int64, of org: OrgStore.Ref, by actor: String, seq: Int64, _ db: HotConnection) throws {
        try requireMember(actor, of: org, may: .factories, db)
        guard let job = try db.first(
            "SELECT COALESCE(job_id, 0) FROM org_lines WHERE id = ? AND org_id = ?", .int(line), .int(org.id), read: { $0.int(0) })
        else { throw Rejection.unknownLine(line) }
        if try JobQueue(db: db).pending(job) != nil { try JobQueue(db: db).finish(job, as: .cancelled, seq: seq) }
        try db.run("UPDATE org_lines SET status = 'stopped', job_id = NULL WHERE id = ?", .int(line))
    }

    /// One tick of a line (its job fell due).
    func tick(_ line: Int64, seq: Int64, at: Int64, format: JournalFormat, _ db: HotConnection) throws -> [Posting] {
        guard let (orgName, orgID, stored, previous) = try db.first(
            """
            SELECT a.name, l.org_id, l.stages, l.status FROM org_lines l JOIN accounts a ON a.id = l.org_id
            WHERE l.id = ? AND l.status != 'stopped'
            """,
            .int(line), read: { ($0.text(0), $0.int(1), $0.text(2), $0.text(3)) })
        else { return [] }
        let stages = try Canonical.decode([LineStage].self, from: stored)
        var postings: [Posting] = []
        var starvedOn: String?
        for stage in stages {
            if let missing = try missingInput(of: stage.recipe, for: orgName, db) {
                starvedOn = starvedOn ?? missing
                continue
            }
            do {
                postings += try atomically(db) {
                    try startCraft(stage.recipe, in: stage.factory, for: orgName, repeats: false, seq: seq, at: at, format: format, in: db)
                        .postings
                }
            } catch Rejection.factoryBusy {
                // Still crafting the last round.
            } catch let rejection as Rejection {
                try db.run(
                    "UPDATE org_lines SET status = ?, job_id = NULL WHERE id = ?",
                    .text("stopped: \(rejection.description)"), .int(line))
                return postings
            }
        }
        let running = try db.first(
            "SELECT COUNT(*) FROM jobs WHERE owner_id = ? AND kind = 'craft' AND state = 'pending'", .int(orgID)) { $0.int(0) } ?? 0
        let status = running == 0 ? starvedOn.map { "starved on \($0)" } ?? "running" : "running"
        try db.run("UPDATE org_lines SET status = ? WHERE id = ?", .text(status), .int(line))
        if status != previous, running == 0, let starvedOn {
            try emit(.lineStarved, org: orgName, seq: seq, at: at, db, data: WebhookPayload.LineStarved(line: line, item: starvedOn))
        }
        try scheduleTick(line, org: orgID, at: at, seq: seq, format: format, db)
        return postings
    }

    /// The first input of `recipe` the org holds too little of, if any.
    private func missingInput(of recipe: String, for org: String, _ db: HotConnection) throws -> String? {
        guard let (found, _) = try rules.recipe(recipe) else { return nil }  // startCraft names the problem
        for input in found.inputs {
            let held = try db.first(
                """
                SELECT b.amount FROM balances b JOIN accounts a ON a.id = b.account_id JOIN assets s ON s.id = b.asset_id
                WHERE a.name = ? AND s.code = ?
                """,
                .text(org), .text(input.asset)) { $0.int(0) } ?? 0
            if held < input.amount { return input.asset }
        }
        return nil
    }

    /// The next tick: when the org's earliest craft finishes, else after `idleTick`.
    private func scheduleTick(_ line: Int64, org: Int64, at: Int64, seq: Int64, format: JournalFormat, _ db: HotConnection) throws {
        let next = try db.first(
            "SELECT MIN(due_at) FROM jobs WHERE owner_id = ? AND kind = 'craft' AND state = 'pending'", .int(org)
        ) { $0.int(0) }.flatMap { $0 > 0 ? $0 : nil } ?? at + Self.idleTick
        let job = try JobQueue(db: db).schedule(.line(line), dueAt: next, seq: seq, format: format, owner: org)
        try db.run("UPDATE org_lines SET job_id = ? WHERE id = ?", .int(job), .int(line))
    }
}
