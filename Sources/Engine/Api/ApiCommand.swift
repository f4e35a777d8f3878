/// The commands of the L2 HTTP API, journaled as `{"api": {"<case>": {...}}}`: the keys an org
/// gives its game server, the allowances players grant, the links between game identities and
/// accounts, and the payments a key makes. A key's own commands have the key's actor
/// (``ApiKey/actor(org:id:)``: the org and the key id), so the journal says which key did what.
public enum ApiCommand: Sendable, Hashable {
    /// A new key of `org`: only the SHA-256 of its secret is stored. By a member who may `govern`
    /// it, or the admin. `createdID` is the key's id.
    case createKey(org: String, scopes: [ApiScope], secretHash: String, maxPerRequest: Int64?, dailyCap: Int64?, expiresAt: Int64?)
    /// Revokes a key for good. By a member who may `govern` its org, or the admin.
    case revokeKey(org: String, key: Int64)
    /// A player allows `org` to charge them up to `daily` ticket minor units per journal day. By the player.
    case grantAllowance(player: String, org: String, daily: Int64)
    /// Withdraws the allowance. By the player.
    case revokeAllowance(player: String, org: String)
    /// A single-use code that ties the game identity `subject` (a Minecraft UUID) to whoever redeems
    /// it within `validFor` milliseconds of the journal time. By the key (scope `charge` or `pay`).
    /// Relative, so that a retried request makes the very same command.
    case createLink(key: Int64, subject: String, code: String, validFor: Int64)
    /// The player redeems a link code (`/link CODE` to the bot). By the player.
    case redeemLink(player: String, code: String)
    /// The key's org pays `to` from its treasury, within the key's caps. By the key (scope `pay`).
    case pay(key: Int64, to: String, amount: Int64, memo: String?)
    /// The key's org charges `from` within the player's allowance and the key's caps. By the key (scope `charge`).
    case charge(key: Int64, from: String, amount: Int64, memo: String?)
    /// The key's org gives `amount` of the item `asset` from its inventory to the player `to` (a quest's
    /// loot), with the transfer fee of `rules/fees.lua`. By the key (scope `items`).
    case giveItems(key: Int64, to: String, asset: String, amount: Int64, memo: String?)

    /// Calls `body` with each text of the command and what it is, like `Command.forEachText`.
    func forEachText(_ body: (String, String) throws -> Void) rethrows {
        switch self {
        case .createKey(let org, _, let hash, _, _, _):
            try body(org, "organization name")
            try body(hash, "key hash")
        case .revokeKey(let org, _): try body(org, "organization name")
        case .grantAllowance(let player, let org, _), .revokeAllowance(let player, let org):
            try body(player, "account name")
            try body(org, "organization name")
        case .createLink(_, let subject, let code, _):
            try body(subject, "game identity")
            try body(code, "link code")
        case .redeemLink(let player, let code):
            try body(player, "account name")
            try body(code, "link code")
        case .pay(_, let account, _, let memo), .charge(_, let account, _, let memo):
            try body(account, "account name")
            try memo.map { try body($0, "memo") }
        case .giveItems(_, let to, let asset, _, let memo):
            try body(to, "account name")
            try body(asset, "item code")
            try memo.map { try body($0, "memo") }
        }
    }
}
