import Engine

/// Game servers (orgs of the kind `game`) as a player meets them: `/link CODE` ties the game account a
/// server showed the code for to this player, and `/allow SERVER AMOUNT` asks to confirm the daily
/// allowance the server's charges need ("Allow mc-server to charge up to 50 TIX a day?").
struct GameSection: Section {
    var commands: [CommandRoute] {
        [
            CommandRoute(name: "link", arguments: Texts.Game.linkUsage, summary: Texts.Game.linkSummary, run: link),
            CommandRoute(name: "allow", arguments: Texts.Game.allowUsage, summary: Texts.Game.allowSummary, run: allow),
            CommandRoute(name: "disallow", arguments: Texts.Game.disallowUsage, summary: Texts.Game.disallowSummary, run: disallow),
        ]
    }

    var buttons: [ButtonRoute] { [] }
    var menu: [Button] { [] }

    /// The code is the player's own consent (they saw it in the game), so it applies at once.
    private func link(_ request: Request) async throws -> Answer {
        let code = try request.argument(0, of: "link", usage: Texts.Game.linkUsage).uppercased()
        _ = try await request.submit(.api(.redeemLink(player: try request.account, code: code)))
        return Answer(text: Texts.Game.linked, buttons: [[Texts.menuButton]])
    }

    private func allow(_ request: Request) async throws -> Answer {
        let org = try request.argument(0, of: "allow", usage: Texts.Game.allowUsage)
        let daily = try request.parse(try request.argument(1, of: "allow", usage: Texts.Game.allowUsage), Asset.ticket.code)
        return try await Confirmation.question(.api(.grantAllowance(player: try request.account, org: org, daily: daily)), request)
    }

    private func disallow(_ request: Request) async throws -> Answer {
        let org = try request.argument(0, of: "disallow", usage: Texts.Game.disallowUsage)
        _ = try await request.submit(.api(.revokeAllowance(player: try request.account, org: org)))
        return Answer(text: Texts.Game.disallowed(request.name(org)), buttons: [[Texts.menuButton]])
    }
}
