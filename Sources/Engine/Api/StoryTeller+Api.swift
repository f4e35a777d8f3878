/// API commands in a player's story: what they consented to and what a game server did with it.
extension StoryTeller {
    static func principal(of command: ApiCommand) -> String? {
        switch command {
        case .createKey(let org, _, _, _, _, _), .revokeKey(let org, _): org
        case .grantAllowance(let player, _, _), .revokeAllowance(let player, _), .redeemLink(let player, _): player
        case .charge(_, let from, _, _): from
        case .pay(_, let to, _, _), .giveItems(_, let to, _, _, _): to
        case .createLink: nil
        }
    }

    static func text(of command: ApiCommand, for me: String) -> String? {
        switch command {
        case .grantAllowance(let player, let org, let daily) where player == me:
            "Allowed \(StoryLine.name(of: org)) to charge up to \(Amount.format(daily, scale: Asset.ticket.scale)) TIX a day"
        case .revokeAllowance(let player, let org) where player == me: "Withdrew the allowance of \(StoryLine.name(of: org))"
        case .redeemLink(let player, _) where player == me: "Linked a game identity to your account"
        case .createKey(let org, _, _, _, _, _) where org == me: "Created an API key"
        case .revokeKey(let org, let key) where org == me: "Revoked API key #\(key)"
        default: nil
        }
    }
}
