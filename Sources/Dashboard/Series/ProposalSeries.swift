import Engine

/// The Parliament's record: every proposal with its state, its tally against the eligible snapshot
/// and, when vetoed, the creator's public reason.
struct ProposalSeries: Series {
    let name = "proposals"
    let title = "Parliament"
    let summary = "Every proposal, newest first: its state, the votes against the voters eligible when voting opened (turnout), and the reason of any veto."
    let chart = ChartKind.table

    func table(in context: SeriesContext) throws -> Table {
        Table(
            columns: ["proposal", "recipe", "inventor", "state", "eligible", "yes", "no", "abstain", "turnout", "veto_reason"],
            rows: try context.reader.proposals().map { proposal in
                [.int(proposal.id), .text(proposal.recipe), .text(proposal.inventor), .text(proposal.state.rawValue),
                 .int(proposal.eligible), .int(proposal.yes), .int(proposal.no), .int(proposal.abstain),
                 .ratio(proposal.eligible > 0 ? Double(proposal.votes) / Double(proposal.eligible) : 0),
                 .text(proposal.vetoReason ?? "")]
            })
    }
}
