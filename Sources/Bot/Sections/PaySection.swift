import Engine

/// Paying another player: typed (`/pay @bob 5`, or `/pay 5` in reply to bob), or all by buttons. The
/// fee is shown before the player confirms.
struct PaySection: Section {
    /// Amounts the buttons offer, in ticket minor units.
    static let presets: [Int64] = [100, 500, 1000, 2500]
    /// Players offered as payees on the buttons.
    static let payeeChoices = 6

    var commands: [CommandRoute] {
        [CommandRoute(name: "pay", arguments: Texts.Usage.pay, summary: Texts.Summary.pay, run: pay)]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "pay", run: choosePayee),
            ButtonRoute(action: "payto", run: chooseAmount),
            ButtonRoute(action: "payamt", run: payPreset),
        ]
    }

    var menu: [Button] { [Button(Texts.Label.pay, "pay")] }

    /// `/pay @bob 5 lunch`, `/pay bob 5`, `/pay 123456 5`, or `/pay 5 lunch` in reply to bob's message.
    private func pay(_ request: Request) async throws -> Answer {
        let (to, words) = try Payee(services: request.services).recipient(of: request, command: "pay", usage: Texts.Usage.pay)
        guard let amountText = words.first else { throw Problem.usage(command: "pay", arguments: Texts.Usage.pay) }
        let amount = try request.parse(amountText, Asset.ticket.code)
        let memo = words.dropFirst().joined(separator: " ")
        return try await ask(to: to, amount: amount, memo: memo.isEmpty ? nil : memo, request)
    }

    /// Previews the transfer, so the player sees the fee, and asks to confirm it.
    private func ask(to: String, amount: Int64, memo: String?, _ request: Request) async throws -> Answer {
        let command = Command.transfer(from: try request.account, to: to, asset: Asset.ticket.code, amount: amount, memo: memo)
        return try await Confirmation.question(command, request)
    }

    /// The tap way: people the player dealt with lately, then the leaderboard's, as buttons.
    private func choosePayee(_ request: Request) async throws -> Answer {
        let account = try request.account
        let recent = try request.reader.history(of: account, limit: 50).flatMap { [$0.posting.from, $0.posting.to] }
        let top = try request.reader.leaderboard(limit: Self.payeeChoices * 2).map(\.account)
        var seen: Set<String> = [account]
        var choices: [Button] = []
        for name in recent + top where choices.count < Self.payeeChoices && seen.insert(name).inserted {
            if let link = try request.services.players.link(account: name) {
                choices.append(Button(link.displayName, "payto", String(link.userID)))
            }
        }
        guard !choices.isEmpty else { return Answer(text: Texts.nobodyToPay, buttons: [[Texts.menuButton]], replacesPressed: true) }
        return Answer(text: Texts.choosePayee, buttons: choices.rows() + [[Texts.menuButton]], replacesPressed: true)
    }

    private func chooseAmount(_ request: Request) async throws -> Answer {
        let userID = try request.argument(0, of: "pay", usage: Texts.Usage.pay)
        guard let link = try Int64(userID).flatMap({ try request.services.players.link(user: $0) }) else {
            throw Problem.staleButton
        }
        let amounts = Self.presets.map { Button(request.format($0, Asset.ticket.code), "payamt", userID, String($0)) }
        return Answer(text: Texts.chooseAmount(link.displayName), buttons: [amounts, [Texts.menuButton]], replacesPressed: true)
    }

    private func payPreset(_ request: Request) async throws -> Answer {
        guard request.arguments.count == 2, let userID = Int64(request.arguments[0]), let amount = Int64(request.arguments[1]),
            let link = try request.services.players.link(user: userID)
        else { throw Problem.staleButton }
        return try await ask(to: link.account, amount: amount, memo: nil, request)
    }
}
