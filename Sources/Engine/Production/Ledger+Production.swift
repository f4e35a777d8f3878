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

    /// Escrows the recipe's inputs and queues the craft; `Receipt.createdID` is the job's id. A variable
    /// yield is decided when the craft completes (format 1 rolled it here, where a cancel could reroll it).
    /// `operator` is the factory's owner when it crafts for someone else (a company's service).
    func startCraft(
        _ recipeID: String, in factory: Int64, for account: String, repeats: Bool, seq: Int64, at: Int64,
        format: JournalFormat, in db: HotConnection, operator: String? = nil
    ) throws -> (job: Int64, postings: [Posting]) {
        let store = FactoryStore(db: db)
        let owner = try store.requireOwned(factory, by: `operator` ?? account)
        guard let live = try self.recipe(recipeID, db) else { throw Rejection.unknownRecipe(recipeID) }
        let (recipe, version) = (live.recipe, live.version)
        let fitted = try store.components(of: factory)
        if let missing = recipe.components.first(where: { (fitted[$0] ?? 0) == 0 }) {
            throw Rejection.missingComponent(component: missing, factory: factory)
        }
        let modifiers = try rules.modifiers(components: fitted)
        let queue = JobQueue(db: db)
        guard try queue.runningCrafts(in: factory) < modifiers.slots else {
            throw Rejection.factoryBusy(factory: factory, slots: modifiers.slots)
        }
        let rolledAtStart = recipe.variableYield && format == .v1
        let outputs = rolledAtStart ? try rules.yield(recipe, script: live.script, factory: factory, account: account) : recipe.outputs
        for output in outputs where try asset(code: output.asset, in: db) == nil {
            try store.define(output.asset, as: recipe.makes)
        }
        let craft = Craft(
            account: account, factory: factory, recipe: recipe.id, version: version, inputs: recipe.inputs,
            outputs: outputs, duration: try recipe.craftDuration(atSpeed: modifiers.speedPercent), repeats: repeats)
        let royalty = try chargeRoyalty(on: recipe.id, crafter: account, seq: seq, at: at, db)
        let postings = try royalty + (craft.inputs.isEmpty ? [] : post(
            craft.inputs.map { Posting(from: craft.account, to: Account.escrow, asset: $0.asset, amount: $0.amount) }, seq, db))
            + craftTax(recipe.id, by: account, seq: seq, db)
        let (due, overflow) = at.addingReportingOverflow(craft.duration)
        guard !overflow else { throw Rejection.ruleFailed("\(Recipe.script(craft.recipe)): the duration is too long") }
        var queued = craft
        queued.variableYield = recipe.variableYield && !rolledAtStart
        let job = try queue.schedule(.craft(queued), dueAt: due, seq: seq, format: format, owner: owner, factory: craft.factory)
        return (job, postings)
    }

    /// Takes a pending craft off the queue: `production.lua` `cancel_fee` burns a share of its inputs and
    /// the rest returns, so cancelling is never a free way out (format 1 returned everything).
    func cancelCraft(_ id: Int64, by account: String, seq: Int64, format: JournalFormat, in db: HotConnection) throws -> [Posting] {
        let queue = JobQueue(db: db)
        guard let job = try queue.pending(id), case .craft(let craft) = job.job else { throw Rejection.unknownJob(id) }
        guard craft.account == account else { throw Rejection.notYourJob(id) }
        try queue.finish(id, as: .cancelled, seq: seq)
        let fee = format == .v1 ? [:] : try rules.cancelFee(recipe: craft.recipe, inputs: craft.inputs)
        return try returnInputs(craft, less: fee, seq: seq, db)
    }

    /// Consumes the inputs (burned: a materials sink) and issues the outputs. A repeating craft then
    /// starts again as a new craft, with the recipe as it stands now, from the moment this one ended;
    /// when it cannot (inputs gone, recipe withdrawn, factory busy) the line simply stops.
    func complete(
        _ craft: Craft, job: Int64, dueAt: Int64, seq: Int64, format: JournalFormat, _ db: HotConnection
    ) throws -> [Posting] {
        let outputs = craft.variableYield ? try decideYield(of: craft, job: job, db) : craft.outputs
        var postings = try post(
            craft.inputs.map { Posting(from: Account.escrow, to: Account.sink, asset: $0.asset, amount: $0.amount) }
                + outputs.map { Posting(from: Account.mint, to: craft.account, asset: $0.asset, amount: $0.amount) },
            seq, db)
        try emit(.craftCompleted, org: craft.account, seq: seq, at: dueAt, db,
            data: WebhookPayload.CraftCompleted(job: job, factory: craft.factory, recipe: craft.recipe, outputs: outputs))
        guard craft.repeats else { return postings }
        do {
            postings += try atomically(db) {
                try startCraft(
                    craft.recipe, in: craft.factory, for: craft.account, repeats: true, seq: seq, at: dueAt, format: format, in: db
                ).postings
            }
        } catch is Rejection {
            // The line stops.
        }
        return postings
    }

    /// A variable yield, decided by the `yield(c)` of the recipe version the craft started with, its
    /// `math.random` seeded from the completing command. Should that version no longer be live, the craft
    /// makes what the recipe declared. The job keeps what was made.
    private func decideYield(of craft: Craft, job: Int64, _ db: HotConnection) throws -> [ItemAmount] {
        var outputs = craft.outputs
        if let live = try recipe(craft.recipe, db), live.version == craft.version, live.recipe.variableYield {
            let recipe = live.recipe
            outputs = try rules.yield(recipe, script: live.script, factory: craft.factory, account: craft.account)
            for output in outputs where try asset(code: output.asset, in: db) == nil {
                try FactoryStore(db: db).define(output.asset, as: recipe.makes)
            }
        }
        try JobQueue(db: db).record(made: outputs, job: job)
        return outputs
    }

    /// Hands a craft's inputs back to its owner, but for `fee` (items by code), which burns.
    func returnInputs(_ craft: Craft, less fee: [String: Int64] = [:], seq: Int64, _ db: HotConnection) throws -> [Posting] {
        let legs = craft.inputs.flatMap { input in
            let burned = fee[input.asset] ?? 0
            return [
                Posting(from: Account.escrow, to: Account.sink, asset: input.asset, amount: burned),
                Posting(from: Account.escrow, to: craft.account, asset: input.asset, amount: input.amount - burned),
            ]
        }.filter { $0.amount > 0 }
        return legs.isEmpty ? [] : try post(legs, seq, db)
    }

    /// An item its own recipe makes (`recipes/iron_ingot.lua` making `iron_ingot`) is known to the
    /// ledger before anyone crafts it, so it can be bid for on the market from the day its recipe is
    /// adopted: the first command that needs it defines it, with the kind the recipe gives. Only the
    /// recipe of the item's own name is consulted, so replay depends on no other file.
    func craftable(_ code: String, _ db: HotConnection) throws -> NameCache.AssetRef? {
        guard let recipe = try recipe(code, db)?.recipe,
            recipe.outputs.contains(where: { $0.asset == code })
        else { return nil }
        try FactoryStore(db: db).define(code, as: recipe.makes)
        return try asset(code: code, in: db)
    }
}
