import Engine

/// Crafting: the recipes, a factory's workbench (a recipe's button starts it, once or repeating), the
/// player's crafts with the time each is ready, and stopping one. When a craft finishes the crafter
/// hears of it unasked (``Conversation/readyNotices(_:)``).
struct CraftSection: Section {
    /// The word that makes a craft repeat: `/craft 1 iron_ingot repeat`, and on the buttons.
    static let repeatWord = "repeat"
    /// Crafts offered a Stop button, so a keyboard stays short.
    static let stops = 8

    var commands: [CommandRoute] {
        [
            CommandRoute(name: "recipes", arguments: "", summary: Texts.Summary.recipes, run: recipes),
            CommandRoute(name: "craft", arguments: Texts.Usage.craft, summary: Texts.Summary.craft, run: craft),
            CommandRoute(name: "jobs", arguments: "", summary: Texts.Summary.jobs, run: jobs),
            CommandRoute(name: "cancel_craft", arguments: Texts.Usage.cancelCraft, summary: Texts.Summary.cancelCraft, run: cancel),
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "rcp", run: recipes),
            ButtonRoute(action: "fy", run: workbench),
            ButtonRoute(action: "cr", run: craft),
            ButtonRoute(action: "jobs", run: jobs),
            ButtonRoute(action: "cxc", run: cancel),
        ]
    }

    var menu: [Button] { [] }

    private func recipes(_ request: Request) async throws -> Answer {
        let lines = request.services.recipes().map { recipe in
            Texts.recipeLine(
                recipe.name, id: recipe.id, inputs: recipe.inputs.map { request.format($0.amount, $0.asset) },
                outputs: recipe.outputs.map { request.format($0.amount, $0.asset) }, takes: Rejection.duration(recipe.duration),
                needs: recipe.components)
        }
        return Answer(
            text: Texts.recipes(lines), buttons: [[Button(Texts.Label.factories, "fac"), Texts.menuButton]], replacesPressed: true)
    }

    /// `fy:1` (or `fy:1:repeat`): what the factory has fitted and is crafting, and a button for each
    /// recipe its components allow, with the toggle between crafting once and repeating.
    private func workbench(_ request: Request) async throws -> Answer {
        let id = try request.id(0, of: "craft", usage: Texts.Usage.craft)
        let repeats = request.arguments.dropFirst().first == Self.repeatWord
        let account = try request.account
        guard let factory = try request.reader.factories(of: account).first(where: { $0.id == id }) else {
            throw Rejection.unknownFactory(id)
        }
        let crafting = try Self.crafts(of: account, request).filter { $0.craft.factory == id }
        let recipes = request.services.recipes().filter { $0.components.allSatisfy { factory.components[$0, default: 0] > 0 } }
        let flag = repeats ? [Self.repeatWord] : []
        let starts = recipes.map { Button(Texts.Label.craft($0.name), "cr", arguments: [String(id), $0.id] + flag) }
        return Answer(
            text: Texts.workbench(
                id, factory.name, fitted: FactorySection.fitted(factory, request), crafting: crafting.map { Self.line($0, request) },
                repeats: repeats),
            buttons: starts.rows()
                + [
                    [Button(Texts.Label.repeats(repeats), "fy", arguments: [String(id)] + (repeats ? [] : [Self.repeatWord])),
                     Button(Texts.Label.fit, "fcs", String(id))],
                    [Button(Texts.Label.factories, "fac"), Texts.menuButton],
                ],
            replacesPressed: true)
    }

    /// `/craft 1 iron_ingot [repeat]`, or a recipe's button on a workbench (the same words).
    private func craft(_ request: Request) async throws -> Answer {
        let usage = Texts.Usage.craft
        let factory = try request.id(0, of: "craft", usage: usage)
        let recipe = try request.argument(1, of: "craft", usage: usage)
        let flags = request.arguments.dropFirst(2)
        guard flags.isEmpty || flags.elementsEqual([Self.repeatWord]) else { throw Problem.usage(command: "craft", arguments: usage) }
        let command = Command.startCraft(account: try request.account, factory: factory, recipe: recipe, repeats: !flags.isEmpty)
        let receipt = try await request.submit(command)
        return Answer(
            text: Outcome.describe(command, receipt, request),
            buttons: [[Button(Texts.Label.crafts, "jobs"), Button(Texts.Label.backToFactory(factory), "fy", String(factory))], [Texts.menuButton]],
            replacesPressed: true)
    }

    /// The player's running crafts, each with the time it is ready and a button that stops it.
    private func jobs(_ request: Request) async throws -> Answer {
        let crafts = try Self.crafts(of: try request.account, request)
        let stops = crafts.prefix(Self.stops).map { Button(Texts.Label.cancelCraft($0.job.id), "cxc", String($0.job.id)) }
        return Answer(
            text: Texts.crafts(crafts.map { Self.line($0, request) }),
            buttons: stops.rows() + [[Button(Texts.Label.factories, "fac"), Texts.menuButton]], replacesPressed: true)
    }

    /// `/cancel_craft 7`, or its Stop button: the craft ends and its inputs come back, less the cancel fee.
    private func cancel(_ request: Request) async throws -> Answer {
        let command = Command.cancelCraft(account: try request.account, job: try request.id(0, of: "cancel_craft", usage: Texts.Usage.cancelCraft))
        let receipt = try await request.submit(command)
        return Answer(
            text: Outcome.describe(command, receipt, request), buttons: [[Button(Texts.Label.crafts, "jobs"), Texts.menuButton]],
            replacesPressed: true)
    }

    /// The account's pending crafts (its jobs also hold its orders' expiries).
    private static func crafts(of account: String, _ request: Request) throws -> [(job: QueuedJob, craft: Craft)] {
        try request.reader.jobs(of: account).compactMap { job in
            guard case .craft(let craft) = job.job else { return nil }
            return (job, craft)
        }
    }

    private static func line(_ running: (job: QueuedJob, craft: Craft), _ request: Request) -> String {
        Texts.craftLine(
            running.job.id, outputs: Texts.outputs(of: running.craft, request.format), factory: running.craft.factory,
            due: running.job.dueAt, repeats: running.craft.repeats)
    }
}
