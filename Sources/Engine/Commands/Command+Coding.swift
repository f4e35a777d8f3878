/// The journal encoding of commands, written out so that renaming a case or a label in Swift cannot
/// change the format: `{"<case>": {<field>: value, ...}}`. A case whose value is a type of its own
/// (an asset, an order, a swap) has that value's object as its body. Absent optionals are left out.
extension Command: Codable {
    enum Tag: String, CodingKey {
        case openAccount = "openAccount", defineAsset = "defineAsset", mint = "mint", transfer = "transfer"
        case post = "post", claimReward = "claimReward", placeOrder = "placeOrder", cancelOrder = "cancelOrder"
        case buildFactory = "buildFactory", fitComponent = "fitComponent", startCraft = "startCraft"
        case cancelCraft = "cancelCraft", runDueJobs = "runDueJobs", createPool = "createPool", swap = "swap"
        case nameInviter = "nameInviter", propose = "propose", vote = "vote", veto = "veto"
        case cancelProposal = "cancelProposal", setVetoer = "setVetoer", license = "license", setPatentTerms = "setPatentTerms"
        case org = "org", api = "api", webhook = "webhook"
    }

    enum Field: String, CodingKey {
        case name = "name", kind = "kind", to = "to", from = "from", asset = "asset", amount = "amount"
        case memo = "memo", legs = "legs", account = "account", order = "order", factory = "factory"
        case component = "component", recipe = "recipe", repeats = "repeats", job = "job", items = "items"
        case tickets = "tickets", inviter = "inviter", title = "title", source = "source", proposal = "proposal"
        case ballot = "ballot", reason = "reason", holds = "holds", holder = "holder", royalty = "royalty"
    }

    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Tag.self)
        func body(_ tag: Tag) -> KeyedEncodingContainer<Field> { outer.nestedContainer(keyedBy: Field.self, forKey: tag) }
        switch self {
        case .openAccount(let name, let kind):
            var c = body(.openAccount)
            try c.encode(name, forKey: .name)
            try c.encode(kind, forKey: .kind)
        case .defineAsset(let asset): try outer.encode(asset, forKey: .defineAsset)
        case .mint(let to, let asset, let amount, let memo):
            var c = body(.mint)
            try c.encode(to, forKey: .to)
            try c.encode(asset, forKey: .asset)
            try c.encode(amount, forKey: .amount)
            try c.encodeIfPresent(memo, forKey: .memo)
        case .transfer(let from, let to, let asset, let amount, let memo):
            var c = body(.transfer)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(asset, forKey: .asset)
            try c.encode(amount, forKey: .amount)
            try c.encodeIfPresent(memo, forKey: .memo)
        case .post(let legs, let memo):
            var c = body(.post)
            try c.encode(legs, forKey: .legs)
            try c.encodeIfPresent(memo, forKey: .memo)
        case .claimReward(let account, let kind):
            var c = body(.claimReward)
            try c.encode(account, forKey: .account)
            try c.encode(kind, forKey: .kind)
        case .nameInviter(let account, let inviter):
            var c = body(.nameInviter)
            try c.encode(account, forKey: .account)
            try c.encode(inviter, forKey: .inviter)
        case .placeOrder(let order): try outer.encode(order, forKey: .placeOrder)
        case .cancelOrder(let account, let order):
            var c = body(.cancelOrder)
            try c.encode(account, forKey: .account)
            try c.encode(order, forKey: .order)
        case .buildFactory(let account, let name):
            var c = body(.buildFactory)
            try c.encode(account, forKey: .account)
            try c.encode(name, forKey: .name)
        case .fitComponent(let account, let factory, let component):
            var c = body(.fitComponent)
            try c.encode(account, forKey: .account)
            try c.encode(factory, forKey: .factory)
            try c.encode(component, forKey: .component)
        case .startCraft(let account, let factory, let recipe, let repeats):
            var c = body(.startCraft)
            try c.encode(account, forKey: .account)
            try c.encode(factory, forKey: .factory)
            try c.encode(recipe, forKey: .recipe)
            try c.encode(repeats, forKey: .repeats)
        case .cancelCraft(let account, let job):
            var c = body(.cancelCraft)
            try c.encode(account, forKey: .account)
            try c.encode(job, forKey: .job)
        case .runDueJobs: _ = body(.runDueJobs)
        case .createPool(let asset, let items, let tickets):
            var c = body(.createPool)
            try c.encode(asset, forKey: .asset)
            try c.encode(items, forKey: .items)
            try c.encode(tickets, forKey: .tickets)
        case .swap(let swap): try outer.encode(swap, forKey: .swap)
        case .propose(let account, let recipe, let title, let source):
            var c = body(.propose)
            try c.encode(account, forKey: .account)
            try c.encode(recipe, forKey: .recipe)
            try c.encode(title, forKey: .title)
            try c.encode(source, forKey: .source)
        case .vote(let account, let proposal, let ballot):
            var c = body(.vote)
            try c.encode(account, forKey: .account)
            try c.encode(proposal, forKey: .proposal)
            try c.encode(ballot, forKey: .ballot)
        case .veto(let proposal, let reason):
            var c = body(.veto)
            try c.encode(proposal, forKey: .proposal)
            try c.encode(reason, forKey: .reason)
        case .cancelProposal(let account, let proposal):
            var c = body(.cancelProposal)
            try c.encode(account, forKey: .account)
            try c.encode(proposal, forKey: .proposal)
        case .setVetoer(let account, let holds):
            var c = body(.setVetoer)
            try c.encode(account, forKey: .account)
            try c.encode(holds, forKey: .holds)
        case .license(let grant): try outer.encode(grant, forKey: .license)
        case .setPatentTerms(let holder, let recipe, let royalty):
            var c = body(.setPatentTerms)
            try c.encode(holder, forKey: .holder)
            try c.encode(recipe, forKey: .recipe)
            try c.encodeIfPresent(royalty, forKey: .royalty)
        case .org(let command): try outer.encode(command, forKey: .org)
        case .api(let command): try outer.encode(command, forKey: .api)
        case .webhook(let command): try outer.encode(command, forKey: .webhook)
        }
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: Tag.self)
        guard outer.allKeys.count == 1, let tag = outer.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a command has exactly one kind"))
        }
        func body() throws -> KeyedDecodingContainer<Field> { try outer.nestedContainer(keyedBy: Field.self, forKey: tag) }
        switch tag {
        case .openAccount:
            let c = try body()
            self = .openAccount(name: try c.decode(String.self, forKey: .name), kind: try c.decode(Account.Kind.self, forKey: .kind))
        case .defineAsset: self = .defineAsset(try outer.decode(Asset.self, forKey: tag))
        case .mint:
            let c = try body()
            self = .mint(
                to: try c.decode(String.self, forKey: .to), asset: try c.decode(String.self, forKey: .asset),
                amount: try c.decode(Int64.self, forKey: .amount), memo: try c.decodeIfPresent(String.self, forKey: .memo))
        case .transfer:
            let c = try body()
            self = .transfer(
                from: try c.decode(String.self, forKey: .from), to: try c.decode(String.self, forKey: .to),
                asset: try c.decode(String.self, forKey: .asset), amount: try c.decode(Int64.self, forKey: .amount),
                memo: try c.decodeIfPresent(String.self, forKey: .memo))
        case .post:
            let c = try body()
            self = .post(legs: try c.decode([Posting].self, forKey: .legs), memo: try c.decodeIfPresent(String.self, forKey: .memo))
        case .claimReward:
            let c = try body()
            self = .claimReward(account: try c.decode(String.self, forKey: .account), kind: try c.decode(RewardKind.self, forKey: .kind))
        case .nameInviter:
            let c = try body()
            self = .nameInviter(account: try c.decode(String.self, forKey: .account), inviter: try c.decode(String.self, forKey: .inviter))
        case .placeOrder: self = .placeOrder(try outer.decode(Order.self, forKey: tag))
        case .cancelOrder:
            let c = try body()
            self = .cancelOrder(account: try c.decode(String.self, forKey: .account), order: try c.decode(Int64.self, forKey: .order))
        case .buildFactory:
            let c = try body()
            self = .buildFactory(account: try c.decode(String.self, forKey: .account), name: try c.decode(String.self, forKey: .name))
        case .fitComponent:
            let c = try body()
            self = .fitComponent(
                account: try c.decode(String.self, forKey: .account), factory: try c.decode(Int64.self, forKey: .factory),
                component: try c.decode(String.self, forKey: .component))
        case .startCraft:
            let c = try body()
            self = .startCraft(
                account: try c.decode(String.self, forKey: .account), factory: try c.decode(Int64.self, forKey: .factory),
                recipe: try c.decode(String.self, forKey: .recipe), repeats: try c.decode(Bool.self, forKey: .repeats))
        case .cancelCraft:
            let c = try body()
            self = .cancelCraft(account: try c.decode(String.self, forKey: .account), job: try c.decode(Int64.self, forKey: .job))
        case .runDueJobs:
            _ = try body()
            self = .runDueJobs
        case .createPool:
            let c = try body()
            self = .createPool(
                asset: try c.decode(String.self, forKey: .asset), items: try c.decode(Int64.self, forKey: .items),
                tickets: try c.decode(Int64.self, forKey: .tickets))
        case .swap: self = .swap(try outer.decode(Swap.self, forKey: tag))
        case .propose:
            let c = try body()
            self = .propose(
                account: try c.decode(String.self, forKey: .account), recipe: try c.decode(String.self, forKey: .recipe),
                title: try c.decode(String.self, forKey: .title), source: try c.decode(String.self, forKey: .source))
        case .vote:
            let c = try body()
            self = .vote(
                account: try c.decode(String.self, forKey: .account), proposal: try c.decode(Int64.self, forKey: .proposal),
                ballot: try c.decode(Ballot.self, forKey: .ballot))
        case .veto:
            let c = try body()
            self = .veto(proposal: try c.decode(Int64.self, forKey: .proposal), reason: try c.decode(String.self, forKey: .reason))
        case .cancelProposal:
            let c = try body()
            self = .cancelProposal(
                account: try c.decode(String.self, forKey: .account), proposal: try c.decode(Int64.self, forKey: .proposal))
        case .setVetoer:
            let c = try body()
            self = .setVetoer(account: try c.decode(String.self, forKey: .account), holds: try c.decode(Bool.self, forKey: .holds))
        case .license: self = .license(try outer.decode(LicenseGrant.self, forKey: tag))
        case .setPatentTerms:
            let c = try body()
            self = .setPatentTerms(
                holder: try c.decode(String.self, forKey: .holder), recipe: try c.decode(String.self, forKey: .recipe),
                royalty: try c.decodeIfPresent(Int64.self, forKey: .royalty))
        case .org: self = .org(try outer.decode(OrgCommand.self, forKey: tag))
        case .api: self = .api(try outer.decode(ApiCommand.self, forKey: tag))
        case .webhook: self = .webhook(try outer.decode(WebhookCommand.self, forKey: tag))
        }
    }

    /// Reads a command in the encoding of `format`.
    static func decode(_ text: String, format: JournalFormat) throws -> Command {
        switch format {
        case .v1: try Canonical.decode(FormatOne.self, from: text).command
        case .v2: try Canonical.decode(Command.self, from: text)
        }
    }

    /// Format 1, Swift's synthesized coding: the same as format 2 except that the three cases with an
    /// unlabeled value wrapped it as `{"_0": value}`.
    private struct FormatOne: Decodable {
        enum Positional: String, CodingKey { case first = "_0" }
        var command: Command

        init(from decoder: any Decoder) throws {
            let outer = try decoder.container(keyedBy: Tag.self)
            func wrapped<T: Decodable>(_ type: T.Type, _ tag: Tag) throws -> T {
                try outer.nestedContainer(keyedBy: Positional.self, forKey: tag).decode(type, forKey: .first)
            }
            switch outer.allKeys.first {
            case .defineAsset: command = .defineAsset(try wrapped(Asset.self, .defineAsset))
            case .placeOrder: command = .placeOrder(try wrapped(Order.self, .placeOrder))
            case .swap: command = .swap(try wrapped(Swap.self, .swap))
            default: command = try Command(from: decoder)
            }
        }
    }
}
