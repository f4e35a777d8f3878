import Engine

extension Conversation {
    /// The messages that tell crafters their crafts are ready: one per crafter who plays through a chat,
    /// in their private chat, with all of theirs among `finished` (a line that ran while the bot was
    /// down makes one message, not hundreds). A repeating line that stopped says so, and what it lacks.
    /// A company's crafts tell its owners and directors only when one of its assembly lines starved.
    func readyNotices(_ finished: [FinishedCraft]) throws -> [Reply] {
        let names = Dictionary(services.recipes().map { ($0.id, $0.name) }) { first, _ in first }
        return try Dictionary(grouping: finished, by: \.craft.account).sorted { $0.key < $1.key }.flatMap { account, crafts -> [Reply] in
            guard let link = try services.players.link(account: account) else { return try lineNotices(of: account) }
            let lines = try crafts.map { finished in
                let craft = finished.craft
                let name = names[craft.recipe] ?? craft.recipe
                let ready = Texts.ready(name, outputs: craft.outputs.map { services.assets.format($0.amount, $0.asset) })
                guard finished.lineStopped else { return ready }
                return ready + "\n" + Texts.lineStopped(name, lacking: try lacking(for: craft))
            }
            return [
                Reply(
                    chat: link.userID, text: lines.joined(separator: "\n"),
                    buttons: [[Button(Texts.Label.crafts, "jobs"), Button(Texts.Label.factories, "fac")]])
            ]
        }
    }

    /// "Your line tools in acme is starved on ore", to the company's owners and directors, when its last
    /// crafts finished and a line has nothing left to start.
    private func lineNotices(of org: String) throws -> [Reply] {
        guard let details = try? services.reader.org(named: org), details.org.kind == .company else { return [] }
        let stuck = details.lines.filter { $0.status.hasPrefix("starved") || $0.status.hasPrefix("stopped:") }
        guard !stuck.isEmpty else { return [] }
        let text = stuck.map { Texts.Orgs.lineStuck($0.name, of: org, status: $0.status) }.joined(separator: "\n")
        return try details.members.filter { $0.joined && ["owner", "director"].contains($0.role) }.compactMap { member in
            try services.players.link(account: member.name).map { Reply(chat: $0.userID, text: text) }
        }
    }

    /// The inputs of `craft` its crafter now holds too few of: what stopped a repeating line, mostly.
    private func lacking(for craft: Craft) throws -> [String] {
        try craft.inputs.filter { try services.reader.balance(of: craft.account, asset: $0.asset) < $0.amount }
            .map { services.assets.format($0.amount, $0.asset) }
    }
}
