import Engine

/// The faucets: a big button to tap, a daily gift, and the streaks they build.
struct RewardSection: Section {
    var commands: [CommandRoute] {
        [
            CommandRoute(name: "tap", arguments: "", summary: Texts.Summary.tap) { try await claim(.tap, $0) },
            CommandRoute(name: "daily", arguments: "", summary: Texts.Summary.daily) { try await claim(.daily, $0) },
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "tap") { try await claim(.tap, $0) },
            ButtonRoute(action: "daily") { try await claim(.daily, $0) },
        ]
    }

    var menu: [Button] { [Button(Texts.Label.tap, "tap"), Button(Texts.Label.daily, "daily")] }

    /// Claims a reward and shows it in place of the pressed message, with the button to go again:
    /// a tapper taps the same spot over and over.
    private func claim(_ kind: RewardKind, _ request: Request) async throws -> Answer {
        let account = try request.account
        let receipt = try await request.submit(.claimReward(account: account, kind: kind))
        let amount = receipt.postings.filter { $0.to == account }.reduce(0) { $0 + $1.amount }
        let streak = try request.reader.rewardClaim(of: account, kind: kind)?.streak ?? 0
        let balance = try request.reader.balance(of: account, asset: Asset.ticket.code)
        return Answer(
            text: Texts.rewarded(
                kind, amount: request.format(amount, Asset.ticket.code), streak: streak,
                balance: request.format(balance, Asset.ticket.code)),
            buttons: [[Button(kind == .tap ? Texts.Label.tapAgain : Texts.Label.daily, kind.rawValue)], [Texts.menuButton]],
            replacesPressed: true)
    }
}
