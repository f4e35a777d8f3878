import Engine

extension Conversation {
    /// How long a player hears of no other opened vote after being told of one, in journal time (the
    /// times votes opened), so a bot catching up after a pause spaces them as they happened.
    static let votingNoticeSpacing: Int64 = 6 * 3_600_000

    /// The messages for `events`: to each eligible player who plays through a chat, has not turned them
    /// off and was not told of a vote opened within ``votingNoticeSpacing`` before, one message naming
    /// the votes that opened; to each inventor, how their proposal ended. Returns them with the players
    /// told of a vote and the time of the latest vote they were told of.
    func parliamentNotices(
        _ events: [ProposalEvent], quiet: Set<String>, lastTold: [String: Int64]
    ) throws -> (replies: [Reply], told: [String: Int64]) {
        var lastTold = lastTold
        var told: [String: Int64] = [:]
        var opened: [String: [Proposal]] = [:]
        var replies: [Reply] = []
        for event in events {
            switch event.kind {
            case .votingOpened:
                for voter in try services.reader.eligibleVoters(of: event.proposal.id)
                where !quiet.contains(voter)
                    && (opened[voter] != nil || lastTold[voter].map { event.at - $0 >= Self.votingNoticeSpacing } ?? true)
                {
                    // Votes announced in one round come in one message, which counts as told at the first.
                    if opened[voter] == nil { lastTold[voter] = event.at }
                    opened[voter, default: []].append(event.proposal)
                }
            case .decided:
                guard event.proposal.state != .canceled, let link = try services.players.link(account: event.proposal.inventor) else { continue }
                replies.append(Reply(
                    chat: link.userID, text: Texts.Parliament.decided(event.proposal),
                    buttons: [[Button(Texts.Parliament.open(event.proposal.id, event.proposal.recipe), "prop", String(event.proposal.id))]]))
            }
        }
        for (voter, proposals) in opened.sorted(by: { $0.key < $1.key }) {
            guard let link = try services.players.link(account: voter) else { continue }
            told[voter] = lastTold[voter]
            replies.append(Reply(
                chat: link.userID, text: Texts.Parliament.votingOpened(proposals.map(Texts.Parliament.line)),
                buttons: proposals.map { Button(Texts.Parliament.open($0.id, $0.recipe), "prop", String($0.id)) }.rows()))
        }
        return (replies, told)
    }
}
