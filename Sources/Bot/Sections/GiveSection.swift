import Engine

/// Giving items to another player: `/give @bob 3 iron_ingot` (or `/give 3 iron_ingot` in reply to bob),
/// whole items, the fee shown before the player confirms, as with /pay.
struct GiveSection: Section {
    var commands: [CommandRoute] {
        [CommandRoute(name: "give", arguments: Texts.giveUsage, summary: Texts.giveSummary, run: give)]
    }

    var buttons: [ButtonRoute] { [] }
    var menu: [Button] { [] }

    private func give(_ request: Request) async throws -> Answer {
        let (to, words) = try Payee(services: request.services).recipient(of: request, command: "give", usage: Texts.giveUsage)
        guard words.count == 2, let quantity = words.first, let item = words.last else {
            throw Problem.usage(command: "give", arguments: Texts.giveUsage)
        }
        let command = Command.transfer(from: try request.account, to: to, asset: item, amount: try request.parse(quantity, item), memo: nil)
        return try await Confirmation.question(command, request)
    }
}
