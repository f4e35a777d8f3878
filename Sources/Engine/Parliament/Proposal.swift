import LuaBridge

/// A proposal as players read it.
public struct Proposal: Codable, Sendable, Hashable {
    public var id: Int64
    public var inventor: String
    public var recipe: String
    public var title: String
    /// SHA-256 of the proposed source: the version the recipe will have once enacted.
    public var version: String
    /// Ticket minor units escrowed.
    public var deposit: Int64
    public var state: ProposalState
    /// The entry that proposed it.
    public var createdSeq: Int64
    public var createdAt: Int64
    /// When voting opens, closes, and the veto window ends (journal time, ms).
    public var votingAt: Int64
    public var closesAt: Int64
    public var vetoEndsAt: Int64
    /// Eligible voters in the snapshot taken when voting opened (0 before).
    public var eligible: Int64
    public var yes: Int64
    public var no: Int64
    public var abstain: Int64
    public var vetoReason: String?
    public var vetoedBy: String?
    /// The entry that opened voting (and took the eligibility snapshot), once open.
    public var activatedSeq: Int64?
    /// The entry that decided it, once decided.
    public var decidedSeq: Int64?

    /// Votes cast, abstentions included: the turnout against `eligible`.
    public var votes: Int64 { yes + no + abstain }
}

/// A moment front ends announce: voting on a proposal opened, or the proposal was decided, at journal
/// entry `seq`.
public struct ProposalEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case votingOpened, decided }
    public var seq: Int64
    /// The entry's journal time.
    public var at: Int64
    public var kind: Kind
    public var proposal: Proposal
}

/// A proposal in full: its source and every voter of its snapshot.
public struct ProposalDetail: Codable, Sendable, Hashable {
    public struct Voter: Codable, Sendable, Hashable {
        public var account: String
        public var eligible: Bool
        /// Why not, in `eligibility.lua`'s words.
        public var reason: String?
        public var ballot: Ballot?
    }

    public var proposal: Proposal
    public var source: String
    public var voters: [Voter]

    /// The recipe its source declares, as it would be crafted once enacted.
    public var recipe: Recipe? {
        try? RecipeBook.recipe(in: ScriptFile(name: "\(proposal.recipe).lua", source: source))?.get()
    }
}

/// A recipe the Parliament adopted, installed from the ledger.
public struct AdoptedRecipe: Codable, Sendable, Hashable {
    public var recipe: String
    public var proposal: Int64
    public var version: String
    public var source: String
    public var enactedSeq: Int64
}
