/// Every change of state is a command. Commands are plain data: they are journaled in a canonical
/// encoding and replayed by `tix verify`, so applying one must depend only on the command, its actor,
/// its journal time and the state before it.
/// Its journal encoding is written out in `Command+Coding.swift`, not synthesized.
public enum Command: Sendable, Hashable {
    /// Opens an account. Players may open their own; only the admin opens org and system accounts.
    case openAccount(name: String, kind: Account.Kind)
    /// Declares a new item kind (or currency) that accounts can hold.
    case defineAsset(Asset)
    /// Issues new supply from `mint` to an account. Admin only.
    case mint(to: String, asset: String, amount: Int64, memo: String? = nil)
    /// Moves an amount between two accounts; the sender also pays the fee of `rules/fees.lua`, split
    /// between burning and the treasury by `rules/sinks.lua`.
    case transfer(from: String, to: String, asset: String, amount: Int64, memo: String? = nil)
    /// Several movements that apply together or not at all, e.g. a payout split among players.
    /// Admin only: players move funds with `transfer`, which charges the fee rule.
    case post(legs: [Posting], memo: String? = nil)
    /// Claims a faucet reward; `rules/rewards.lua` decides the amount, streak and cooldown.
    case claimReward(account: String, kind: RewardKind)
    /// Records who invited `account`, so the inviter's `invite` reward can be paid once the invitee is
    /// active. By the invitee or the admin, once, never oneself.
    case nameInviter(account: String, inviter: String)
    /// Places a limit order on the P2P market; `Receipt.createdID` is the order's id.
    case placeOrder(Order)
    /// Takes one of the account's open orders off the book and returns its escrow.
    case cancelOrder(account: String, order: Int64)
    /// Builds a factory for the account; `rules/production.lua` sets the price. `createdID` is its id.
    case buildFactory(account: String, name: String)
    /// Fits one component item (a Forge, a Lab...) into one of the account's factories.
    case fitComponent(account: String, factory: Int64, component: String)
    /// Starts crafting `recipe` (a file in `recipes/`) in a factory; `createdID` is the job's id.
    /// A repeating craft starts again on completion while the inputs last.
    case startCraft(account: String, factory: Int64, recipe: String, repeats: Bool = false)
    /// Cancels a pending craft: `rules/production.lua` `cancel_fee` burns a share of its inputs, the rest returns.
    case cancelCraft(account: String, job: Int64)
    /// Runs the jobs that are due (crafts finishing, orders expiring). Submitted by the job worker;
    /// refused when nothing is due.
    case runDueJobs
    /// Opens the AMM pool of a raw material against tickets, its reserves issued from `mint`. Admin only.
    case createPool(asset: String, items: Int64, tickets: Int64)
    /// Trades with a pool: tickets for items or items for tickets, at the constant-product price, with
    /// a slippage limit. The fee of `rules/amm.lua` comes out of the input.
    case swap(Swap)
    /// Puts a recipe script (`recipes/<recipe>.lua`'s source, checked as `tix rules check` does) to the
    /// Parliament; the deposit of `rules/parliament.lua` goes into escrow. `createdID` is the proposal's id.
    case propose(account: String, recipe: String, title: String, source: String)
    /// One eligible player's vote on an active proposal.
    case vote(account: String, proposal: Int64, ballot: Ballot)
    /// The creator's veto of an approved proposal during its veto window, with a public reason. By the
    /// admin or an account holding the veto role.
    case veto(proposal: Int64, reason: String)
    /// Withdraws a proposal before voting starts; its deposit returns.
    case cancelProposal(account: String, proposal: Int64)
    /// Gives (`holds: true`) or takes the veto role. Admin only.
    case setVetoer(account: String, holds: Bool)
    /// A patent holder licenses a recipe to one account.
    case license(LicenseGrant)
    /// A patent holder publishes the royalty anyone may craft for without a license of their own
    /// (`royalty: nil` withdraws it).
    case setPatentTerms(holder: String, recipe: String, royalty: Int64?)
    /// An L2 organization's command (companies, states): membership, roles, tax rules, lines, payroll,
    /// dissolution. Its actor is the acting member.
    case org(OrgCommand)
    /// A command of the L2 HTTP API: keys, allowances, links, and a key's payments and charges. Its
    /// actor is the key (the org and the key id) or the player who consents.
    case api(ApiCommand)
    /// An org's webhook endpoints: register, remove, rotate the signing secret. Needs `govern`.
    case webhook(WebhookCommand)
}

/// A command as submitted from outside: who asks, and the client-chosen key that makes retries safe.
public struct Submission: Codable, Sendable, Hashable {
    /// The principal the front end authenticated: an account name, or `admin` for the operator.
    public var actor: String
    /// Unique per actor. Submitting the same key again returns the original receipt, never applies twice.
    public var key: String
    public var command: Command

    /// The operator: the command line and the engine's own maintenance.
    public static let admin = "admin"

    public init(actor: String, key: String, command: Command) {
        self.actor = actor
        self.key = key
        self.command = command
    }
}
