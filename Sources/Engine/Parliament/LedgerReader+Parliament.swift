import GRDB

extension LedgerReader {
    /// Proposals, newest first, optionally only those in one state.
    public func proposals(state: ProposalState? = nil) throws -> [Proposal] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: Self.proposalSelect + " WHERE ? IS NULL OR p.state = ? ORDER BY p.id DESC",
                arguments: [state?.rawValue, state?.rawValue]
            ).map(Self.proposal)
        }
    }

    /// One proposal with its source and its voters.
    public func proposal(_ id: Int64) throws -> ProposalDetail {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: Self.proposalSelect + " WHERE p.id = ?", arguments: [id]) else {
                throw Rejection.unknownProposal(id)
            }
            let voters = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.name, v.eligible, v.reason, v.choice FROM proposal_voters v JOIN accounts a ON a.id = v.account_id
                    WHERE v.proposal_id = ? ORDER BY a.name
                    """,
                arguments: [id]
            ).map {
                ProposalDetail.Voter(
                    account: $0["name"], eligible: $0["eligible"], reason: $0["reason"],
                    ballot: ($0["choice"] as String?).flatMap(Ballot.init(rawValue:)))
            }
            return ProposalDetail(proposal: Self.proposal(row), source: row["source"], voters: voters)
        }
    }

    /// Voting openings and decisions after journal entry `seq`, in entry order, at most `limit`.
    public func proposalEvents(after seq: Int64, limit: Int) throws -> [ProposalEvent] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.*, j.at AS event_at FROM (
                        SELECT p.*, a.name AS inventor, p.activated_seq AS event_seq, 0 AS decided
                        FROM proposals p JOIN accounts a ON a.id = p.inventor_id WHERE p.activated_seq > :seq
                        UNION ALL SELECT p.*, a.name, p.decided_seq, 1
                        FROM proposals p JOIN accounts a ON a.id = p.inventor_id WHERE p.decided_seq > :seq) e
                    JOIN journal j ON j.seq = e.event_seq
                    ORDER BY e.event_seq, e.id LIMIT :limit
                    """,
                arguments: ["seq": seq, "limit": limit]
            ).map {
                ProposalEvent(
                    seq: $0["event_seq"], at: $0["event_at"], kind: $0["decided"] == 1 ? .decided : .votingOpened, proposal: Self.proposal($0))
            }
        }
    }

    /// The accounts the snapshot of a proposal lets vote.
    public func eligibleVoters(of id: Int64) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT a.name FROM proposal_voters v JOIN accounts a ON a.id = v.account_id
                    WHERE v.proposal_id = ? AND v.eligible = 1 ORDER BY a.id
                    """,
                arguments: [id])
        }
    }

    /// Accounts holding the veto role, besides the admin.
    public func vetoers() throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT a.name FROM vetoers v JOIN accounts a ON a.id = v.account_id ORDER BY a.name")
        }
    }

    /// The recipes the Parliament adopted, by name.
    public func adoptedRecipes() throws -> [AdoptedRecipe] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM adopted_recipes ORDER BY recipe").map {
                AdoptedRecipe(
                    recipe: $0["recipe"], proposal: $0["proposal_id"], version: $0["version"], source: $0["source"],
                    enactedSeq: $0["enacted_seq"])
            }
        }
    }

    private static let proposalSelect = """
        SELECT p.*, a.name AS inventor FROM proposals p JOIN accounts a ON a.id = p.inventor_id
        """

    private static func proposal(_ row: Row) -> Proposal {
        Proposal(
            id: row["id"], inventor: row["inventor"], recipe: row["recipe"], title: row["title"], version: row["version"],
            deposit: row["deposit"], state: ProposalState(rawValue: row["state"]) ?? .expired, createdSeq: row["created_seq"],
            createdAt: row["created_at"],
            votingAt: row["voting_at"], closesAt: row["closes_at"], vetoEndsAt: row["veto_ends_at"], eligible: row["eligible"],
            yes: row["yes"], no: row["no"], abstain: row["abstain"], vetoReason: row["veto_reason"], vetoedBy: row["vetoed_by"],
            activatedSeq: row["activated_seq"], decidedSeq: row["decided_seq"])
    }
}
