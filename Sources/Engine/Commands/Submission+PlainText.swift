/// Every text a submission carries must be ``PlainText``. The committer checks it before the command
/// is applied, so no front end can store a NUL or a line break, and a refusal never echoes one back.
extension Submission {
    func requirePlainText() throws {
        try Self.require(key, "idempotency key")
        try Self.require(actor, "name of the acting account")
        try command.forEachText(Self.require)
    }

    private static func require(_ text: String, _ what: String) throws {
        guard PlainText.isPlain(text) else { throw Rejection.controlCharacter(in: what) }
    }
}

extension Command {
    /// Calls `body` with each text of the command and what it is, in players' words. A new case with
    /// text must list it here: the switch has no default so that the compiler asks.
    func forEachText(_ body: (String, String) throws -> Void) rethrows {
        let account = "account name", item = "item code"
        switch self {
        case .openAccount(let name, _): try body(name, account)
        case .defineAsset(let asset): try body(asset.code, item)
        case .mint(let to, let asset, _, let memo):
            try body(to, account)
            try body(asset, item)
            try memo.map { try body($0, "memo") }
        case .transfer(let from, let to, let asset, _, let memo):
            try body(from, account)
            try body(to, account)
            try body(asset, item)
            try memo.map { try body($0, "memo") }
        case .post(let legs, let memo):
            for leg in legs {
                try body(leg.from, account)
                try body(leg.to, account)
                try body(leg.asset, item)
            }
            try memo.map { try body($0, "memo") }
        case .claimReward(let name, _), .cancelOrder(let name, _), .cancelCraft(let name, _): try body(name, account)
        case .nameInviter(let name, let inviter):
            try body(name, account)
            try body(inviter, account)
        case .placeOrder(let order):
            try body(order.account, account)
            try body(order.asset, item)
        case .buildFactory(let name, let factory):
            try body(name, account)
            try body(factory, "factory name")
        case .fitComponent(let name, _, let component):
            try body(name, account)
            try body(component, item)
        case .startCraft(let name, _, let recipe, _):
            try body(name, account)
            try body(recipe, "recipe name")
        case .runDueJobs: break
        case .createPool(let asset, _, _): try body(asset, item)
        case .swap(let swap):
            try body(swap.account, account)
            try body(swap.asset, item)
        case .propose(let name, let recipe, let title, _):
            // The source is a Lua file of many lines: the sandbox checks it, not this.
            try body(name, account)
            try body(recipe, "recipe name")
            try body(title, "proposal title")
        case .vote(let name, _, _), .cancelProposal(let name, _), .setVetoer(let name, _): try body(name, account)
        case .veto(_, let reason): try body(reason, "veto reason")
        case .license(let grant):
            try body(grant.holder, account)
            try body(grant.recipe, "recipe name")
            try body(grant.licensee, account)
        case .setPatentTerms(let holder, let recipe, _):
            try body(holder, account)
            try body(recipe, "recipe name")
        case .org(let command): try command.forEachText(body)
        case .api(let command): try command.forEachText(body)
        case .webhook(let command): try command.forEachText(body)
        }
    }
}
