import Engine

/// The Parliament in the chat: open proposals as cards that say first whether the player may vote (and
/// why not), Yes / No / Abstain buttons for those who may, results and vetoes with their reasons, and
/// the inventor's patents with the licenses they granted and hold.
struct ParliamentSection: Section {
    /// Decided proposals shown under the open ones.
    static let recent = 5

    var commands: [CommandRoute] {
        [
            CommandRoute(name: "parliament", arguments: "", summary: Texts.Parliament.summaryList, run: list),
            CommandRoute(name: "proposal", arguments: Texts.Parliament.usageProposal, summary: Texts.Parliament.summaryProposal, run: card),
            CommandRoute(name: "vote", arguments: Texts.Parliament.usageVote, summary: Texts.Parliament.summaryVote, run: vote),
            CommandRoute(name: "patents", arguments: "", summary: Texts.Parliament.summaryPatents, run: patents),
            CommandRoute(name: "license", arguments: Texts.Parliament.usageLicense, summary: Texts.Parliament.summaryLicense, run: license),
            CommandRoute(name: "terms", arguments: Texts.Parliament.usageTerms, summary: Texts.Parliament.summaryTerms, run: terms),
            CommandRoute(
                name: "parliament_notices", arguments: Texts.Parliament.usageNotices, summary: Texts.Parliament.summaryNotices, run: notices),
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "parl", run: list),
            ButtonRoute(action: "prop", run: card),
            ButtonRoute(action: "pv", run: vote),
            ButtonRoute(action: "pats", run: patents),
        ]
    }

    var menu: [Button] { [Button(Texts.Parliament.label, "parl"), Button(Texts.Parliament.patentsLabel, "pats")] }

    private func list(_ request: Request) async throws -> Answer {
        let proposals = try request.reader.proposals()
        let open = proposals.filter(\.state.isOpen)
        let decided = proposals.filter { !$0.state.isOpen }.prefix(Self.recent)
        return Answer(
            text: Texts.Parliament.list(open: open.map(Texts.Parliament.line), decided: decided.map(Texts.Parliament.line)),
            buttons: (open + decided).map { Button(Texts.Parliament.open($0.id, $0.recipe), "prop", String($0.id)) }.rows()
                + [[Texts.menuButton]],
            replacesPressed: true)
    }

    /// `prop:3` or `/proposal 3`: the card, eligibility first.
    private func card(_ request: Request) async throws -> Answer {
        let id = try request.id(0, of: "proposal", usage: Texts.Parliament.usageProposal)
        return try Self.card(id, request, heading: nil)
    }

    /// `pv:3:yes` or `/vote 3 yes`.
    private func vote(_ request: Request) async throws -> Answer {
        let usage = Texts.Parliament.usageVote
        let id = try request.id(0, of: "vote", usage: usage)
        guard let ballot = Ballot(rawValue: try request.argument(1, of: "vote", usage: usage).lowercased()) else {
            throw Problem.usage(command: "vote", arguments: usage)
        }
        _ = try await request.submit(.vote(account: try request.account, proposal: id, ballot: ballot))
        return try Self.card(id, request, heading: Texts.Parliament.voted(ballot, id))
    }

    /// A `.lua` file sent to the bot: proposed as the recipe of its name, its caption's first line the
    /// title; checked by the engine exactly as `tix rules check` does, refused with file and line.
    static func propose(file: String, source: String?, title: String?, _ request: Request) async throws -> Answer {
        guard let source, file.hasSuffix(".lua") else { return Answer(text: Texts.Parliament.notARecipeFile, buttons: [[Texts.menuButton]]) }
        let recipe = String(file.dropLast(".lua".count))
        let heading = title?.split(whereSeparator: \.isNewline).first.map(String.init) ?? Texts.Parliament.defaultTitle(recipe)
        let receipt = try await request.submit(.propose(account: try request.account, recipe: recipe, title: heading, source: source))
        guard let id = receipt.createdID else { return Answer(text: Texts.Parliament.notARecipeFile) }
        let deposit = receipt.postings.reduce(0) { $0 + $1.amount }
        return try card(id, request, heading: Texts.Parliament.proposed(id, deposit: request.format(deposit, Asset.ticket.code)))
    }

    static func card(_ id: Int64, _ request: Request, heading: String?) throws -> Answer {
        let detail = try request.reader.proposal(id)
        let p = detail.proposal
        let voter = request.player.flatMap { player in detail.voters.first { $0.account == player } }
        let eligibility = heading ?? Texts.Parliament.eligibility(p, voter: voter, isPlayer: request.player != nil)
        let recipe = detail.recipe.map {
            Texts.Parliament.recipe(
                inputs: $0.inputs.map { request.format($0.amount, $0.asset) }, outputs: $0.outputs.map { request.format($0.amount, $0.asset) },
                takes: Rejection.duration($0.duration))
        } ?? ""
        let mayVote = p.state == .active && voter?.eligible == true && voter?.ballot == nil
        let ballots = mayVote ? [Ballot.allCases.map { Button(Texts.Parliament.ballot($0), "pv", String(id), $0.rawValue) }] : []
        return Answer(
            text: Texts.Parliament.card(p, by: request.name(p.inventor), eligibility: eligibility, recipe: recipe),
            buttons: ballots + [[Button(Texts.Parliament.label, "parl"), Texts.menuButton]], replacesPressed: true)
    }

    /// `/license @bob gear 2.50 [10]`: a license for a recipe whose patent the player holds, at a royalty
    /// per craft, optionally for a number of crafts.
    private func license(_ request: Request) async throws -> Answer {
        let usage = Texts.Parliament.usageLicense
        let (licensee, words) = try Payee(services: request.services).recipient(of: request, command: "license", usage: usage)
        guard (2...3).contains(words.count), let recipe = words.first else { throw Problem.usage(command: "license", arguments: usage) }
        let royalty = try request.parse(words[words.startIndex + 1], Asset.ticket.code)
        let crafts = try words.dropFirst(2).first.map { text in
            guard let count = Int64(text) else { throw Problem.notANumber(text) }
            return count
        }
        let grant = LicenseGrant(holder: try request.account, recipe: recipe, licensee: licensee, royalty: royalty, crafts: crafts)
        _ = try await request.submit(.license(grant))
        return Answer(
            text: Texts.Parliament.licensed(recipe, to: request.name(licensee), royalty: request.format(royalty, Asset.ticket.code), crafts: crafts),
            buttons: [[Button(Texts.Parliament.patentsLabel, "pats"), Texts.menuButton]],
            notices: [Notice(account: licensee, text: Texts.Parliament.licenseGranted(
                recipe, by: request.name(grant.holder), royalty: request.format(royalty, Asset.ticket.code), crafts: crafts))])
    }

    /// `/terms gear 1.50` offers the recipe to all at that royalty; `/terms gear off` withdraws it.
    private func terms(_ request: Request) async throws -> Answer {
        let usage = Texts.Parliament.usageTerms
        let recipe = try request.argument(0, of: "terms", usage: usage)
        let text = try request.argument(1, of: "terms", usage: usage)
        let royalty = text.lowercased() == "off" ? nil : try request.parse(text, Asset.ticket.code)
        _ = try await request.submit(.setPatentTerms(holder: try request.account, recipe: recipe, royalty: royalty))
        return Answer(
            text: Texts.Parliament.terms(recipe, royalty: royalty.map { request.format($0, Asset.ticket.code) }),
            buttons: [[Button(Texts.Parliament.patentsLabel, "pats"), Texts.menuButton]])
    }

    /// `/parliament_notices off` (or `on`): whether "voting opened" notices come.
    private func notices(_ request: Request) async throws -> Answer {
        let usage = Texts.Parliament.usageNotices
        let choice = try request.argument(0, of: "parliament_notices", usage: usage).lowercased()
        guard choice == "on" || choice == "off" else { throw Problem.usage(command: "parliament_notices", arguments: usage) }
        try request.services.outbox.setQuiet(try request.account, choice == "off")
        return Answer(text: Texts.Parliament.notices(choice == "on"), buttons: [[Button(Texts.Parliament.label, "parl"), Texts.menuButton]])
    }

    /// The player's patents (held now) and the licenses others granted them.
    private func patents(_ request: Request) async throws -> Answer {
        let account = try request.account
        let patents = try request.reader.patents()
        let ticket = Asset.ticket.code
        let held = patents.filter { $0.holder == account }.map {
            Texts.Parliament.patent(
                $0.recipe, expires: $0.expiresAt, openTerms: $0.openRoyalty.map { request.format($0, ticket) },
                earned: request.format($0.earned, ticket), licenses: $0.licenses.count)
        }
        let licensed = patents.flatMap { patent in
            patent.licenses.filter { $0.licensee == account }.map {
                Texts.Parliament.license(
                    patent.recipe, holder: request.name(patent.holder ?? ""), royalty: request.format($0.royalty, ticket),
                    craftsLeft: $0.craftsLeft)
            }
        }
        return Answer(text: Texts.Parliament.patents(held: held, licensed: licensed), buttons: [[Texts.menuButton]], replacesPressed: true)
    }
}
