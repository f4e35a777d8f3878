import LuaBridge

/// The questions the Parliament asks `rules/parliament.lua` and `rules/eligibility.lua`, with their
/// documented defaults (see `rules/README.md`) when a file or function is absent.
extension RuleSet {
    static let day: Int64 = 86_400_000
    /// The longest any Parliament period may be, so deadlines stay far from overflowing.
    static let maxPeriod: Int64 = 365 * day

    /// What `parliament.lua` is told about a proposal.
    struct ProposalFacts {
        var recipe: String
        var inventor: String
        /// Whether it replaces a recipe of the genesis set.
        var replaces: Bool
        /// The inventor's proposals still open, this one not counted.
        var open: Int64

        var values: [LuaValue] { [.string(recipe), .string(inventor), .bool(replaces), .integer(open)] }
    }

    /// The Parliament's timetable and price for one proposal.
    struct ProposalTerms {
        var reviewDelay: Int64
        var votingPeriod: Int64
        var vetoWindow: Int64
        var deposit: Int64
        var maxOpen: Int64
    }

    func proposalTerms(_ facts: ProposalFacts) throws -> ProposalTerms {
        ProposalTerms(
            reviewDelay: try period("review_delay", facts, default: Self.day, least: 0),
            votingPeriod: try period("voting_period", facts, default: 3 * Self.day, least: 1),
            vetoWindow: try period("veto_window", facts, default: Self.day, least: 0),
            deposit: try parliamentInt("deposit", facts, default: 10_000, within: 0...Int64.max),
            maxOpen: try parliamentInt("max_open", facts, default: 1, within: 1...1000))
    }

    /// `parliament.lua` `vote_changes(p)`: whether a second vote replaces the first. No function: refused.
    func voteChanges(_ facts: ProposalFacts) throws -> Bool {
        guard let result = try call("parliament.lua", "vote_changes", .proposal, facts.values) else { return false }
        return try checked("vote_changes()") { try result.bool() }
    }

    /// Votes cast, of each kind, against the eligible snapshot.
    struct Tally {
        var yes: Int64, no: Int64, abstain: Int64, eligible: Int64
        var votes: Int64 { yes + no + abstain }
        var values: [LuaValue] { [.integer(yes), .integer(no), .integer(abstain), .integer(votes), .integer(eligible)] }
    }

    /// `parliament.lua` `quorum(q)`: the fewest votes (abstentions count) that decide. Default: a tenth
    /// of the eligible voters, rounded up, at least one.
    func quorum(_ tally: Tally) throws -> Int64 {
        guard let result = try call("parliament.lua", "quorum", .tally, tally.values) else {
            return max(1, tally.eligible / 10 + (tally.eligible % 10 == 0 ? 0 : 1))
        }
        let quorum = try checked("quorum()") { try result.int() }
        guard quorum >= 0 else { throw Rejection.ruleFailed("parliament.lua: quorum() returned \(quorum); it cannot be negative") }
        return quorum
    }

    /// `parliament.lua` `passes(t)`: whether a vote that met its quorum adopts the recipe. Default: more
    /// yes than no.
    func passes(_ tally: Tally) throws -> Bool {
        guard let result = try call("parliament.lua", "passes", .tally, tally.values) else { return tally.yes > tally.no }
        return try checked("passes()") { try result.bool() }
    }

    /// `eligibility.lua` `may_vote(v)`: nil when the account may vote, else why not, in the rule's words.
    /// No file: every player votes.
    func mayVote(_ facts: VoterFacts) throws -> String? {
        guard let result = try call("eligibility.lua", "may_vote", .voter, facts.values) else { return nil }
        let (ok, reason) = try checked("may_vote()") { (try result.bool("ok"), try result.field("reason").stringValue) }
        if ok { return nil }
        guard let reason, !reason.isEmpty, reason.utf8.count <= Ledger.maxMemoLength, PlainText.isPlain(reason) else {
            throw Rejection.ruleFailed(
                "eligibility.lua: may_vote() refused without `reason`, one line of at most \(Ledger.maxMemoLength) bytes naming the failed condition")
        }
        return reason
    }

    private func period(_ function: String, _ facts: ProposalFacts, default value: Int64, least: Int64) throws -> Int64 {
        try parliamentInt(function, facts, default: value, within: least...Self.maxPeriod)
    }

    private func parliamentInt(_ function: String, _ facts: ProposalFacts, default value: Int64, within range: ClosedRange<Int64>) throws -> Int64 {
        guard let result = try call("parliament.lua", function, .proposal, facts.values) else { return value }
        let answer = try checked("\(function)()") { try result.int() }
        guard range.contains(answer) else {
            throw Rejection.ruleFailed(
                "parliament.lua: \(function)() returned \(answer); it must be \(range.lowerBound) to \(range.upperBound)")
        }
        return answer
    }

    /// A rule's answer of the wrong shape refuses the command in the rule's own words.
    func checked<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as LuaError { throw Rejection.ruleFailed("\(error.description) (\(what))") }
    }
}
