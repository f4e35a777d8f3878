import Engine

/// Factories: the player's list, building one and fitting components into one, each price previewed
/// by the engine and confirmed first. A factory's button opens its workbench (``CraftSection``).
struct FactorySection: Section {
    /// Factories and components offered as buttons, so a keyboard stays short.
    static let choices = 8

    var commands: [CommandRoute] {
        [
            CommandRoute(name: "factories", arguments: "", summary: Texts.Summary.factories, run: factories),
            CommandRoute(name: "build", arguments: Texts.Usage.build, summary: Texts.Summary.build, run: build),
            CommandRoute(name: "fit", arguments: Texts.Usage.fit, summary: Texts.Summary.fit, run: fit),
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "fac", run: factories),
            ButtonRoute(action: "fb", run: build),
            ButtonRoute(action: "fcs", run: chooseComponent),
            ButtonRoute(action: "fc", run: fit),
        ]
    }

    var menu: [Button] { [Button(Texts.Label.factories, "fac")] }

    /// Components fitted in a factory, as players read them: "1 forge".
    static func fitted(_ factory: Factory, _ request: Request) -> [String] {
        factory.components.sorted { $0.key < $1.key }.map { request.format($0.value, $0.key) }
    }

    private func factories(_ request: Request) async throws -> Answer {
        let factories = try request.reader.factories(of: try request.account)
        let lines = factories.map { Texts.factoryLine($0.id, $0.name, fitted: Self.fitted($0, request)) }
        let open = factories.prefix(Self.choices).map { Button(Texts.Label.factory($0.id, $0.name), "fy", String($0.id)) }
        return Answer(
            text: Texts.factories(lines),
            buttons: open.rows()
                + [[Button(Texts.Label.build, "fb"), Button(Texts.Label.crafts, "jobs")], [Button(Texts.Label.recipes, "rcp"), Texts.menuButton]],
            replacesPressed: true)
    }

    /// `/build Smithy`, or the button (a default name): the price first, then Confirm.
    private func build(_ request: Request) async throws -> Answer {
        let name = request.arguments.joined(separator: " ")
        return try await Confirmation.question(
            .buildFactory(account: try request.account, name: name.isEmpty ? Texts.defaultFactoryName : name), request)
    }

    /// `/fit 1 forge`, or a component's button: the price first, then Confirm.
    private func fit(_ request: Request) async throws -> Answer {
        let factory = try request.id(0, of: "fit", usage: Texts.Usage.fit)
        let component = try request.argument(1, of: "fit", usage: Texts.Usage.fit)
        return try await Confirmation.question(.fitComponent(account: try request.account, factory: factory, component: component), request)
    }

    /// The components the player holds, each a button that fits one into the factory.
    private func chooseComponent(_ request: Request) async throws -> Answer {
        let factory = try request.id(0, of: "fit", usage: Texts.Usage.fit)
        let held = try request.reader.balances(of: try request.account).filter { $0.asset.kind == .component && $0.amount > 0 }
        let choices = held.prefix(Self.choices).map { Button(Texts.Label.component($0.asset.code), "fc", String(factory), $0.asset.code) }
        return Answer(
            text: held.isEmpty ? Texts.noComponents : Texts.chooseComponent(factory),
            buttons: choices.rows() + [[Button(Texts.Label.backToFactory(factory), "fy", String(factory)), Texts.menuButton]],
            replacesPressed: true)
    }
}
