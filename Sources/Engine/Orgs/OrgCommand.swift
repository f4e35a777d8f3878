/// The commands of L2 organizations, journaled as `{"org": {"<case>": {...}}}`. Their actor is the
/// member who acts; each checks that member's role before anything changes. Money and items move
/// through the L1 commands (`transfer`, `swap`, `placeOrder`, `startCraft`...) with the org's account
/// as the account and a member as the actor: see `Ledger+OrgActing.swift`.
public enum OrgCommand: Sendable, Hashable {
    /// Opens the org's account, with `founder` in its top role; `rules/companies.lua` sets the fee,
    /// split between burning and the treasury by `rules/sinks.lua`. By the founder.
    case create(kind: Org.Kind, name: String, founder: String)
    /// Invites a player into a company (or a state), in its newcomer role. Needs `hire`.
    case invite(org: String, member: String)
    /// Accepts an invitation; a state admits by its rule's `admit(c)` without one. By the player.
    case join(org: String, member: String)
    /// Leaves the org (or declines an invitation). By the member; the last holder of the top role stays.
    case leave(org: String, member: String)
    /// Removes a member. Needs `hire`; nobody kicks a holder of the top role.
    case kick(org: String, member: String)
    /// Gives a member a role. Needs `hire`; giving the top role needs `govern`.
    case setRole(org: String, member: String, role: String)
    /// Creates or changes a custom role. Needs `govern`; the top role stays as it is.
    case defineRole(org: String, role: OrgRole)
    /// A member's wage per payday, in ticket minor units (0: none). Needs `hire`.
    case setWage(org: String, member: String, amount: Int64)
    /// Pays wages every `period` milliseconds from the treasury on the job queue; 0 stops. Needs `govern`.
    case setPayroll(org: String, period: Int64)
    /// A state's tax rule: a Lua script checked like every rule, stored in the ledger. Needs `govern`.
    case setTaxRule(org: String, source: String)
    /// Starts an assembly line: recipes chained across the org's factories, fed from its inventory by
    /// the job queue. `createdID` is the line's id. Needs `factories`.
    case startLine(org: String, name: String, stages: [LineStage])
    /// Stops a line after its running crafts. Needs `factories`.
    case stopLine(org: String, line: Int64)
    /// Closes the org: treasury and inventory go to the dissolving holder of the top role. Needs `govern`.
    case dissolve(org: String)
    /// The price (ticket minor units; 0 withdraws the offer) at which the company crafts `recipe` for
    /// anyone. Needs `prices`.
    case setPrice(org: String, recipe: String, price: Int64)
    /// Crafting as a service: `customer` pays the company's price into its treasury and has `recipe`
    /// crafted in the company's `factory` from the customer's own inputs; the outputs are the
    /// customer's. By the customer. `createdID` is the craft's job.
    case buyService(org: String, customer: String, factory: Int64, recipe: String)

    /// The org the command acts on (for `create`, the one it opens).
    public var org: String {
        switch self {
        case .create(_, let name, _): name
        case .invite(let org, _), .join(let org, _), .leave(let org, _), .kick(let org, _), .setRole(let org, _, _),
            .defineRole(let org, _), .setWage(let org, _, _), .setPayroll(let org, _), .setTaxRule(let org, _),
            .startLine(let org, _, _), .stopLine(let org, _), .dissolve(let org), .setPrice(let org, _, _),
            .buyService(let org, _, _, _):
            org
        }
    }

    /// Calls `body` with each text of the command and what it is, like `Command.forEachText`. A tax
    /// rule's source is a file of many lines, so only its NUL bytes are refused (by `setTaxRule`).
    func forEachText(_ body: (String, String) throws -> Void) rethrows {
        try body(org, "organization name")
        switch self {
        case .create(_, _, let founder): try body(founder, "account name")
        case .invite(_, let member), .join(_, let member), .leave(_, let member), .kick(_, let member),
            .setWage(_, let member, _):
            try body(member, "account name")
        case .setRole(_, let member, let role):
            try body(member, "account name")
            try body(role, "role name")
        case .defineRole(_, let role): try body(role.name, "role name")
        case .startLine(_, let name, let stages):
            try body(name, "line name")
            for stage in stages { try body(stage.recipe, "recipe name") }
        case .setPrice(_, let recipe, _): try body(recipe, "recipe name")
        case .buyService(_, let customer, _, let recipe):
            try body(customer, "account name")
            try body(recipe, "recipe name")
        case .setPayroll, .setTaxRule, .stopLine, .dissolve: break
        }
    }
}
