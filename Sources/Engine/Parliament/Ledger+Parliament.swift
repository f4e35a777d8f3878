import LuaBridge

/// The Parliament on the ledger: proposals, the eligibility snapshot, one vote per eligible player, the
/// creator's veto and enactment. Every transition is a command: players' own, or `runDueJobs` running a
/// proposal's ``Job/advanceProposal(_:)`` at each deadline, so a restart neither loses nor doubles one.
extension Ledger {
    /// The largest recipe source a proposal may carry, and the longest title.
    static let maxSourceBytes = 65_536
    static let maxTitleLength = 120

    /// A proposal's row as transitions need it.
    struct ProposalRow {
        var id: Int64
        var inventor: String
        var recipe: String
        var source: String
        var version: String
        var deposit: Int64
        var state: ProposalState
        var votingAt: Int64
        var closesAt: Int64
        var vetoEndsAt: Int64
        var tally: RuleSet.Tally
    }

    func proposal(_ id: Int64, _ db: HotConnection) throws -> ProposalRow {
        guard let row = try db.first(
            """
            SELECT a.name, p.recipe, p.source, p.version, p.deposit, p.state, p.voting_at, p.closes_at, p.veto_ends_at,
                   p.yes, p.no, p.abstain, p.eligible
            FROM proposals p JOIN accounts a ON a.id = p.inventor_id WHERE p.id = ?
            """, .int(id),
            read: {
                ProposalRow(
                    id: id, inventor: $0.text(0), recipe: $0.text(1), source: $0.text(2), version: $0.text(3), deposit: $0.int(4),
                    state: ProposalState(rawValue: $0.text(5)) ?? .expired, votingAt: $0.int(6), closesAt: $0.int(7),
                    vetoEndsAt: $0.int(8), tally: RuleSet.Tally(yes: $0.int(9), no: $0.int(10), abstain: $0.int(11), eligible: $0.int(12)))
            })
        else { throw Rejection.unknownProposal(id) }
        return row
    }

    /// Checks a recipe script exactly as `tix rules check` does, escrows the deposit and queues the
    /// opening of the vote.
    func propose(
        _ recipeID: String, title: String, source: String, by inventor: String, seq: Int64, at: Int64, format: JournalFormat,
        _ db: HotConnection
    ) throws -> (id: Int64, postings: [Posting]) {
        guard let account = try account(named: inventor, in: db) else { throw Rejection.unknownAccount(inventor) }
        guard account.kind == .player else { throw Rejection.votersArePlayers }
        guard (1...Self.maxTitleLength).contains(title.count) else { throw Rejection.invalidTitle(limit: Self.maxTitleLength) }
        guard Asset.isValidCode(recipeID), recipeID != Asset.ticket.code else {
            throw Rejection.brokenProposal("'\(recipeID)' is not a recipe name: use 1 to 32 letters, digits or _")
        }
        guard source.utf8.count <= Self.maxSourceBytes, !source.utf8.contains(0) else {
            throw Rejection.brokenProposal("a recipe file is plain text of at most \(Self.maxSourceBytes / 1024) KiB")
        }
        let file = ScriptFile(name: "\(recipeID).lua", source: source)
        let problems = ScriptCheck.problems(with: file)
        guard problems.isEmpty else { throw Rejection.brokenProposal(problems.joined(separator: "; ")) }
        guard case .success(let recipe)? = RecipeBook.recipe(in: file) else {
            throw Rejection.brokenProposal("\(file.name) defines no `recipe` table")
        }
        guard !recipe.faucet else {
            throw Rejection.brokenProposal("\(file.name): the Parliament adopts no faucets; a proposed recipe must have inputs")
        }
        guard try patent(recipeID, db) == nil else { throw Rejection.recipePatented(recipeID) }
        let facts = try proposalFacts(recipeID, inventor: (inventor, account.id), db)
        let terms = try rules.proposalTerms(facts)
        guard facts.open < terms.maxOpen else { throw Rejection.proposalLimit(limit: terms.maxOpen) }
        let votingAt = try Self.later(at, by: terms.reviewDelay)
        let closesAt = try Self.later(votingAt, by: terms.votingPeriod)
        let vetoEndsAt = try Self.later(closesAt, by: terms.vetoWindow)
        let postings = terms.deposit > 0
            ? try post([Posting(from: inventor, to: Account.escrow, asset: Asset.ticket.code, amount: terms.deposit)], seq, db) : []
        try db.run(
            """
            INSERT INTO proposals (inventor_id, recipe, title, source, version, deposit, state, created_seq, created_at,
                voting_at, closes_at, veto_ends_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)
            """,
            .int(account.id), .text(recipeID), .text(title), .text(source), .text(file.sha256), .int(terms.deposit), .int(seq),
            .int(at), .int(votingAt), .int(closesAt), .int(vetoEndsAt))
        let id = db.lastInsertedRowID
        _ = try JobQueue(db: db).schedule(.advanceProposal(id), dueAt: votingAt, seq: seq, format: format, owner: account.id)
        return (id, postings)
    }

    func vote(_ ballot: Ballot, on id: Int64, by voter: String, at: Int64, seq: Int64, _ db: HotConnection) throws {
        let proposal = try proposal(id, db)
        guard let account = try account(named: voter, in: db) else { throw Rejection.unknownAccount(voter) }
        guard account.kind == .player else { throw Rejection.votersArePlayers }
        guard proposal.state == .active, at < proposal.closesAt else { throw Rejection.notVoting(id, proposal.state.rawValue) }
        guard let (eligible, reason, choice) = try db.first(
            "SELECT eligible, reason, choice FROM proposal_voters WHERE proposal_id = ? AND account_id = ?", .int(id), .int(account.id),
            read: { ($0.int(0) != 0, $0.text(1), $0.optionalText(2).flatMap(Ballot.init(rawValue:))) })
        else { throw Rejection.notEligible(id, "your account was opened after voting on it began") }
        guard eligible else { throw Rejection.notEligible(id, reason) }
        if let choice {
            guard let inventor = try self.account(named: proposal.inventor, in: db) else { throw Rejection.unknownAccount(proposal.inventor) }
            let facts = try proposalFacts(proposal.recipe, inventor: (proposal.inventor, inventor.id), excluding: id, db)
            guard try rules.voteChanges(facts) else { throw Rejection.alreadyVoted(id, choice.rawValue) }
            try count(choice, on: id, by: -1, db)
        }
        try db.run(
            "UPDATE proposal_voters SET choice = ?, voted_seq = ? WHERE proposal_id = ? AND account_id = ?",
            .text(ballot.rawValue), .int(seq), .int(id), .int(account.id))
        try count(ballot, on: id, by: 1, db)
    }

    /// What `parliament.lua` is told about a proposal of `recipe` by `inventor`: whether it replaces a
    /// genesis recipe, and the inventor's other open proposals (`excluding` this one, once it exists).
    private func proposalFacts(
        _ recipe: String, inventor: (name: String, id: Int64), excluding id: Int64 = 0, _ db: HotConnection
    ) throws -> RuleSet.ProposalFacts {
        // The condition is `proposals_open`'s own, word for word, so SQLite reads that index (see `InListRewrite`).
        let open = try db.first(
            """
            SELECT COUNT(*) FROM proposals WHERE inventor_id = ? AND id != ?
              AND (state = 'pending' OR state = 'active' OR state = 'approved')
            """,
            .int(inventor.id), .int(id)) { $0.int(0) } ?? 0
        return RuleSet.ProposalFacts(recipe: recipe, inventor: inventor.name, replaces: try rules.recipe(recipe) != nil, open: open)
    }

    private func count(_ ballot: Ballot, on id: Int64, by delta: Int64, _ db: HotConnection) throws {
        switch ballot {
        case .yes: try db.run("UPDATE proposals SET yes = yes + ? WHERE id = ?", .int(delta), .int(id))
        case .no: try db.run("UPDATE proposals SET no = no + ? WHERE id = ?", .int(delta), .int(id))
        case .abstain: try db.run("UPDATE proposals SET abstain = abstain + ? WHERE id = ?", .int(delta), .int(id))
        }
    }

    /// The creator's veto: by the admin or a holder of the veto role, with a public reason, during the
    /// veto window. The deposit burns.
    func veto(_ id: Int64, reason: String, by actor: String, seq: Int64, at: Int64, _ db: HotConnection) throws -> [Posting] {
        if actor != Submission.admin {
            let holds = try account(named: actor, in: db).map { account in
                try db.first("SELECT 1 FROM vetoers WHERE account_id = ?", .int(account.id)) { _ in true } ?? false
            } ?? false
            guard holds else { throw Rejection.notPermitted(actor: actor, action: "veto proposals") }
        }
        guard !reason.allSatisfy(\.isWhitespace), reason.count <= Self.maxMemoLength else {
            throw Rejection.vetoNeedsReason(limit: Self.maxMemoLength)
        }
        let proposal = try proposal(id, db)
        guard proposal.state == .approved, at < proposal.vetoEndsAt else { throw Rejection.notInVetoWindow(id, proposal.state.rawValue) }
        try decide(proposal, .vetoed, seq: seq, db)
        try db.run("UPDATE proposals SET veto_reason = ?, vetoed_by = ? WHERE id = ?", .text(reason), .text(actor), .int(id))
        return try settleDeposit(proposal, to: Account.sink, seq: seq, db)
    }

    /// The inventor withdraws a proposal before voting starts; the deposit returns.
    func cancelProposal(_ id: Int64, by account: String, seq: Int64, at: Int64, _ db: HotConnection) throws -> [Posting] {
        let proposal = try proposal(id, db)
        guard proposal.inventor == account else { throw Rejection.notPermitted(actor: account, action: "cancel proposal #\(id)") }
        guard proposal.state == .pending, at < proposal.votingAt else { throw Rejection.notCancelable(id, proposal.state.rawValue) }
        try decide(proposal, .canceled, seq: seq, db)
        return try settleDeposit(proposal, to: proposal.inventor, seq: seq, db)
    }

    func setVetoer(_ name: String, holds: Bool, _ db: HotConnection) throws {
        guard let account = try account(named: name, in: db) else { throw Rejection.unknownAccount(name) }
        if holds {
            try db.run("INSERT OR IGNORE INTO vetoers (account_id) VALUES (?)", .int(account.id))
        } else {
            try db.run("DELETE FROM vetoers WHERE account_id = ?", .int(account.id))
        }
    }

    /// A proposal's deadline has come: it moves on from the state it is in now.
    func advance(_ id: Int64, seq: Int64, at: Int64, format: JournalFormat, in db: HotConnection) throws -> [Posting] {
        let proposal = try proposal(id, db)
        let queue = JobQueue(db: db)
        let owner = try account(named: proposal.inventor, in: db)?.id
        switch proposal.state {
        case .pending:
            try snapshotVoters(proposal, at: at, db)
            try db.run("UPDATE proposals SET state = 'active', activated_seq = ? WHERE id = ?", .int(seq), .int(id))
            _ = try queue.schedule(.advanceProposal(id), dueAt: proposal.closesAt, seq: seq, format: format, owner: owner)
            return []
        case .active:
            guard proposal.tally.votes >= (try rules.quorum(proposal.tally)) else {
                try decide(proposal, .expired, seq: seq, db)
                return try settleDeposit(proposal, to: proposal.inventor, seq: seq, db)
            }
            guard try rules.passes(proposal.tally) else {
                try decide(proposal, .defeated, seq: seq, db)
                return try settleDeposit(proposal, to: Account.sink, seq: seq, db)
            }
            try db.run("UPDATE proposals SET state = 'approved' WHERE id = ?", .int(id))
            _ = try queue.schedule(.advanceProposal(id), dueAt: proposal.vetoEndsAt, seq: seq, format: format, owner: owner)
            return []
        case .approved:
            return try enact(proposal, seq: seq, at: at, db)
        case .defeated, .enacted, .vetoed, .canceled, .expired:
            return []
        }
    }

    /// Installs the recipe from the proposal's own source, issues its patent and returns the deposit.
    /// Should the name have been adopted or patented meanwhile (by another proposal), it expires instead.
    private func enact(_ proposal: ProposalRow, seq: Int64, at: Int64, _ db: HotConnection) throws -> [Posting] {
        let taken = try db.first("SELECT 1 FROM adopted_recipes WHERE recipe = ?", .text(proposal.recipe)) { _ in true } ?? false
        guard !taken, try patent(proposal.recipe, db) == nil else { return try expireProposal(proposal.id, seq: seq, db) }
        try db.run(
            "INSERT INTO adopted_recipes (recipe, proposal_id, source, version, enacted_seq) VALUES (?, ?, ?, ?, ?)",
            .text(proposal.recipe), .int(proposal.id), .text(proposal.source), .text(proposal.version), .int(seq))
        try decide(proposal, .enacted, seq: seq, db)
        try broadcast(.proposalEnacted, seq: seq, at: at, db,
            data: WebhookPayload.ProposalEnacted(proposal: proposal.id, recipe: proposal.recipe, inventor: proposal.inventor))
        return try grantPatent(proposal.recipe, to: proposal.inventor, proposal: proposal.id, seq: seq, at: at, db)
            + (try settleDeposit(proposal, to: proposal.inventor, seq: seq, db))
    }

    /// A proposal that was never decided: its deposit returns. Also what a proposal's job does when it
    /// has failed its last attempt.
    func expireProposal(_ id: Int64, seq: Int64, _ db: HotConnection) throws -> [Posting] {
        let proposal = try proposal(id, db)
        guard proposal.state.isOpen else { return [] }
        try decide(proposal, .expired, seq: seq, db)
        return try settleDeposit(proposal, to: proposal.inventor, seq: seq, db)
    }

    /// Fixes who may vote: every player account's eligibility as `eligibility.lua` decides it now, so
    /// tickets moved during the vote change nothing.
    private func snapshotVoters(_ proposal: ProposalRow, at: Int64, _ db: HotConnection) throws {
        let players = try db.all("SELECT id, name, created_at FROM accounts WHERE kind = 'player' ORDER BY id") {
            (id: $0.int(0), name: $0.text(1), createdAt: $0.int(2))
        }
        var eligible: Int64 = 0
        for (player, facts) in zip(players, try voterFacts(of: players, at: at, db)) {
            let reason = try rules.mayVote(facts)
            if reason == nil { eligible += 1 }
            try db.run(
                "INSERT INTO proposal_voters (proposal_id, account_id, eligible, reason) VALUES (?, ?, ?, ?)",
                .int(proposal.id), .int(player.id), .int(reason == nil ? 1 : 0), reason.map(SQLArgument.text) ?? .null)
        }
        try db.run("UPDATE proposals SET eligible = ? WHERE id = ?", .int(eligible), .int(proposal.id))
    }

    private func decide(_ proposal: ProposalRow, _ state: ProposalState, seq: Int64, _ db: HotConnection) throws {
        try db.run("UPDATE proposals SET state = ?, decided_seq = ? WHERE id = ?", .text(state.rawValue), .int(seq), .int(proposal.id))
    }

    /// The escrowed deposit, returned to the inventor or burned into the sink.
    private func settleDeposit(_ proposal: ProposalRow, to account: String, seq: Int64, _ db: HotConnection) throws -> [Posting] {
        guard proposal.deposit > 0 else { return [] }
        return try post([Posting(from: Account.escrow, to: account, asset: Asset.ticket.code, amount: proposal.deposit)], seq, db)
    }

    /// A deadline `span` after `time`; a rule's period never reaches past the end of time.
    private static func later(_ time: Int64, by span: Int64) throws -> Int64 {
        let (sum, overflow) = time.addingReportingOverflow(span)
        guard !overflow else { throw Rejection.ruleFailed("parliament.lua: a period reaches past the end of time") }
        return sum
    }
}
