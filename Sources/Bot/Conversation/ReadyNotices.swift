import Engine

extension Conversation {
    /// The messages that tell crafters their crafts are ready: one per crafter who plays through a chat,
    /// in their private chat, with all of theirs among `finished` (a line that ran while the bot was
    /// down makes one message, not hundreds).
    func readyNotices(_ finished: [FinishedCraft]) throws -> [Reply] {
        let names = Dictionary(services.recipes().map { ($0.id, $0.name) }) { first, _ in first }
        return try Dictionary(grouping: finished.map(\.craft), by: \.account).sorted { $0.key < $1.key }.compactMap { account, crafts in
            guard let link = try services.players.link(account: account) else { return nil }
            let lines = crafts.map { craft in
                Texts.ready(names[craft.recipe] ?? craft.recipe, outputs: craft.outputs.map { services.assets.format($0.amount, $0.asset) })
            }
            return Reply(
                chat: link.userID, text: lines.joined(separator: "\n"),
                buttons: [[Button(Texts.Label.crafts, "jobs"), Button(Texts.Label.factories, "fac")]])
        }
    }
}
