/// Joining, help and the main menu.
struct StartSection: Section {
    /// Deep-link payload of an invitation: `/start ref-<user id>`.
    static let referralPrefix = "ref-"

    var commands: [CommandRoute] {
        [
            CommandRoute(name: "start", arguments: "", summary: Texts.Summary.start, run: start),
            CommandRoute(name: "help", arguments: "", summary: Texts.Summary.help) { request in
                Answer(text: request.help, buttons: request.menu)
            },
            CommandRoute(name: "menu", arguments: "", summary: Texts.Summary.menu, run: menu),
        ]
    }

    var buttons: [ButtonRoute] {
        [ButtonRoute(action: "start", run: start), ButtonRoute(action: "menu", run: menu)]
    }

    var menu: [Button] { [] }

    private func menu(_ request: Request) async throws -> Answer {
        Answer(text: Texts.menu(request.name(try request.account)), buttons: request.menu, replacesPressed: true)
    }

    /// Joins the game (a button press has joined already) and shows the menu.
    private func start(_ request: Request) async throws -> Answer {
        let referrer = try request.arguments.first.flatMap { try Self.referrer(in: $0, request) }
        let (account, isNew) = try await Registration(services: request.services)
            .join(request.incoming.from, key: request.incoming.key, referrer: referrer)
        if let org = request.arguments.first.flatMap(OrgSection.org(inLink:)) {
            return try await OrgSection.join(org, as: account, request)
        }
        guard isNew || request.joinedNow else { return Answer(text: Texts.welcomeBack(request.name(account)), buttons: request.menu) }
        return Answer(
            text: Texts.welcome(request.incoming.from.firstName, account: account), buttons: request.menu,
            notices: referrer.map { [Notice(account: $0, text: Texts.joinedThroughYou(request.name(account)))] } ?? [])
    }

    /// The inviting player's account, when the payload is an invitation from someone who plays.
    private static func referrer(in payload: String, _ request: Request) throws -> String? {
        guard payload.hasPrefix(referralPrefix), let id = Int64(payload.dropFirst(referralPrefix.count)),
            id != request.incoming.from.id
        else { return nil }
        return try request.services.players.link(user: id)?.account
    }
}
