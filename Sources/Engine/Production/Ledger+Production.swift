/// Factories and crafting on the ledger: build, fit components, start and cancel crafts, and complete
/// them when their job falls due.
extension Ledger {
    func buildFactory(_ name: String, for account: String, seq: Int64, in db: HotConnection) throws -> (id: Int64, postings: [Posting]) {
        guard (1...40).contains(name.count), !name.contains(where: \.isNewline) else { throw Rejection.invalidFactoryName }
        guard let owner = try self.account(named: account, in: db) else { throw Rejection.unknownAccount(account) }
        let store = FactoryStore(db: db)
        let cost = try rules.buildCost(factoriesOwned: try store.count(ownedBy: owner.id))
        let postings = try post(try feeLegs(from: account, fee: cost, asset: Asset.ticket.code, source: "factory"), seq, db)
        return (try store.insert(name: name, owner: owner.id, seq: seq), postings)
    }

    /// Moves one component from the owner into the factory (held in escrow) and charges the fitting cost.
    func fit(_ component: String, into factory: Int64, by account: String, seq: Int64, in db: HotConnection) throws -> [Posting] {
        let store = FactoryStore(db: db)
        try store.requireOwned(factory, by: account)
        guard let asset = try asset(code: component, in: db) else { throw Rejection.unknownAsset(component) }
        guard try store.kind(of: asset.id) == .component else { throw Rejection.notAComponent(component) }
        let fitted = try store.components(of: factory)
        let cost = try rules.fitCost(component: component, fitted: fitted[component] ?? 0)
        let postings = try post(
            [Posting(from: account, to: Account.escrow, asset: component, amount: 1)]
                + (try feeLegs(from: account, fee: cost, asset: Asset.ticket.code, source: "factory")),
            seq, db)
        try store.addComponent(asset.id, to: factory)
        return postings
    }

    /// Escrows the recipe's inputs and queues the craft; `Receipt.createdID` is the job's id.
    func startCraft(
        _ recipeID: String, in factory: Int64, for account: String, repeats: Bool, seq: Int64, at: Int64, in db: HotConnection
    ) throws -> (job: Int64, postings: [Posting]) {
        let store = FactoryStore(db: db)
        let owner = try store.requireOwned(factory, by: account)
        guard let (recipe, version) = try rules.recipe(recipeID) else { throw Rejection.unknownRecipe(recipeID) }
        let fitted = try store.components(of: factory)
        if let missing = recipe.components.first(where: { (fitted[$0] ?? 0) == 0 }) {
            throw Rejection.missingComponent(component: missing, factory: factory)
        }
        let modifiers = try rules.modifiers(components: fitted)
        let queue = JobQueue(db: db)
        guard try queue.runningCrafts(in: factory) < modifiers.slots else {
            throw Rejection.factoryBusy(factory: factory, slots: modifiers.slots)
        }
        let outputs = recipe.variableYield ? try rules.yield(recipe, factory: factory, account: account) : recipe.outputs
        for output in outputs where try asset(code: output.asset, in: db) == nil {
            try store.define(output.asset, as: recipe.makes)
        }
        let craft = Craft(
            account: account, factory: factory, recipe: recipe.id, version: version, inputs: recipe.inputs,
            outputs: outputs, duration: try recipe.craftDuration(atSpeed: modifiers.speedPercent), repeats: repeats)
        let postings = try craft.inputs.isEmpty ? [] : post(
            craft.inputs.map { Posting(from: craft.account, to: Account.escrow, asset: $0.asset, amount: $0.amount) }, seq, db)
        let (due, overflow) = at.addingReportingOverflow(craft.duration)
        guard !overflow else { throw Rejection.ruleFailed("\(Recipe.script(craft.recipe)): the duration is too long") }
        let job = try queue.schedule(.craft(craft), dueAt: due, seq: seq, owner: owner, factory: craft.factory)
        return (job, postings)
    }

    /// Takes a pending craft off the queue and returns its inputs.
    func cancelCraft(_ id: Int64, by account: String, seq: Int64, in db: HotConnection) throws -> [Posting] {
        let queue = JobQueue(db: db)
        guard let job = try queue.pending(id), case .craft(let craft) = job.job else { throw Rejection.unknownJob(id) }
        guard craft.account == account else { throw Rejection.notYourJob(id) }
        try queue.finish(id, as: .cancelled, seq: seq)
        return try returnInputs(craft, seq: seq, db)
    }

    /// Consumes the inputs (burned: a materials sink) and issues the outputs. A repeating craft then
    /// starts again as a new craft, with the recipe as it stands now, from the moment this one ended;
    /// when it cannot (inputs gone, recipe withdrawn, factory busy) the line simply stops.
    func complete(_ craft: Craft, dueAt: Int64, seq: Int64, _ db: HotConnection) throws -> [Posting] {
        var postings = try post(
            craft.inputs.map { Posting(from: Account.escrow, to: Account.sink, asset: $0.asset, amount: $0.amount) }
                + craft.outputs.map { Posting(from: Account.mint, to: craft.account, asset: $0.asset, amount: $0.amount) },
            seq, db)
        guard craft.repeats else { return postings }
        do {
            postings += try atomically(db) {
                try startCraft(craft.recipe, in: craft.factory, for: craft.account, repeats: true, seq: seq, at: dueAt, in: db)
                    .postings
            }
        } catch is Rejection {
            // The line stops.
        }
        return postings
    }

    func returnInputs(_ craft: Craft, seq: Int64, _ db: HotConnection) throws -> [Posting] {
        craft.inputs.isEmpty ? [] : try post(
            craft.inputs.map { Posting(from: Account.escrow, to: craft.account, asset: $0.asset, amount: $0.amount) }, seq, db)
    }
}
