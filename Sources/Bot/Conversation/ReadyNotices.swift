import Engine

extension Conversation {
    /// The messages that tell crafters their crafts are ready: one per crafter who plays through a chat,
    /// in their private chat, with all of theirs among `finished` (a line that ran while the bot was
    /// down makes one message, not hundreds). A repeating line that stopped says so, and what it lacks.
    func readyNotices(_ finished: [FinishedCraft]) throws -> [Reply] {
        let names = Dictionary(services.recipes().map { ($0.id, $0.name) }) { first, _ in first }
        return try Dictionary(grouping: finished, by: \.craft.account).sorted { $0.key < $1.key }.compactMap { account, crafts in
            guard let link = try services.players.link(account: account) else { return nil }
            let lines = try crafts.map { finished in
                let craft = finished.craft
                let name = names[craft.recipe] ?? craft.recipe
                let ready = Texts.ready(name, outputs: craft.outputs.map { services.assets.format($0.amount, $0.asset) })
                guard finished.lineStopped else { return ready }
                return ready + "\n" + Texts.lineStopped(name, lacking: try lacking(for: craft))
            }
            return Reply(
                chat: link.userID, text: lines.joined(separator: "\n"),
                buttons: [[Button(Texts.Label.crafts, "jobs"), Button(Texts.Label.factories, "fac")]])
        }
    }

    /// The inputs of `craft` its crafter now holds too few of: what stopped a repeating line, mostly.
    private func lacking(for craft: Craft) throws -> [String] {
        try craft.inputs.filter { try services.reader.balance(of: craft.account, asset: $0.asset) < $0.amount }
            .map { services.assets.format($0.amount, $0.asset) }
    }
}
