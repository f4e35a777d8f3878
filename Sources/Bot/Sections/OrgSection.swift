import Engine

/// 🏢 Companies and 🏛 States: found one, invite by @username, accept, give roles, see the treasury,
/// inventory, lines with their status and paydays, pay from the treasury (confirmed like any payment),
/// set wages and the payroll. A group bound with `/bind company NAME` acts for its org with `/co`, each
/// member with their own permissions. Every action is the engine's org command with the player as actor.
struct OrgSection: Section {
    var commands: [CommandRoute] {
        [
            CommandRoute(name: "company", arguments: Texts.Orgs.companyUsage, summary: Texts.Orgs.companySummary) {
                try await run(.company, $0.arguments[...], $0)
            },
            CommandRoute(name: "state", arguments: Texts.Orgs.stateUsage, summary: Texts.Orgs.stateSummary) {
                try await run(.state, $0.arguments[...], $0)
            },
            CommandRoute(name: "bind", arguments: Texts.Orgs.bindUsage, summary: Texts.Orgs.bindSummary, run: bind),
            CommandRoute(name: "co", arguments: Texts.Orgs.coUsage, summary: Texts.Orgs.coSummary, run: groupAction),
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "orgs") { try mine(Org.Kind(rawValue: $0.arguments.first ?? "") ?? .company, $0) },
            ButtonRoute(action: "org") { try show(try $0.argument(0, of: "company", usage: Texts.Orgs.companyUsage), $0) },
        ]
    }

    var menu: [Button] { [Button(Texts.Orgs.companyLabel, "orgs", "company"), Button(Texts.Orgs.stateLabel, "orgs", "state")] }

    /// `/company`, `/state`: the player's orgs; `/company acme`: one; `/company pay acme @bob 10`: an action.
    private func run(_ kind: Org.Kind, _ words: ArraySlice<String>, _ request: Request) async throws -> Answer {
        guard let first = words.first else { return try mine(kind, request) }
        guard Self.actions.contains(first) else { return try show(first.lowercased(), request) }
        let usage = kind == .company ? Texts.Orgs.companyUsage : Texts.Orgs.stateUsage
        guard words.count >= 2 else { throw Problem.usage(command: kind.rawValue, arguments: usage) }
        let org = words[words.startIndex + 1].lowercased()
        if first == "new" {
            let founder = try request.account
            return try await Confirmation.question(.org(.create(kind: kind, name: org, founder: founder)), request)
        }
        return try await act(first, org: org, Array(words.dropFirst(2)), kind: kind, usage: usage, request)
    }

    /// Deep-link payload of an org invitation: `/start org-<name>`.
    static let linkPrefix = "org-"

    static func org(inLink payload: String) -> String? {
        payload.hasPrefix(linkPrefix) ? String(payload.dropFirst(linkPrefix.count)) : nil
    }

    /// The invitation link for `org`, when its name fits Telegram's start parameter (64 of A-Z a-z 0-9 _ -).
    static func link(to org: String, bot: String) -> String? {
        let payload = linkPrefix + org
        guard payload.count <= 64, payload.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
        return "https://t.me/\(bot)?start=\(payload)"
    }

    /// Accepting an invitation (or asking a state to admit) through its link.
    static func join(_ org: String, as account: String, _ request: Request) async throws -> Answer {
        _ = try await request.services.engine.submit(
            Submission(actor: account, key: request.incoming.key + "-org", command: .org(.join(org: org, member: account))))
        return Answer(text: Texts.Orgs.done("You joined \(org)."), buttons: request.menu)
    }

    private static let actions: Set<String> = ["new", "invite", "join", "leave", "kick", "role", "pay", "deposit", "wage", "payroll"]

    /// One action for `org`, with the words after its name.
    private func act(
        _ action: String, org: String, _ words: [String], kind: Org.Kind, usage: String, _ request: Request
    ) async throws -> Answer {
        let me = try request.account
        let payee = Payee(services: request.services)
        func word(_ index: Int) throws -> String {
            guard index < words.count else { throw Problem.usage(command: kind.rawValue, arguments: usage) }
            return words[index]
        }
        switch action {
        case "pay":
            let to = try payee.account(named: try word(0))
            let amount = try request.parse(try word(1), Asset.ticket.code)
            return try await Confirmation.question(.transfer(from: org, to: to, asset: Asset.ticket.code, amount: amount), request)
        case "deposit":
            let amount = try request.parse(try word(0), Asset.ticket.code)
            return try await Confirmation.question(.transfer(from: me, to: org, asset: Asset.ticket.code, amount: amount), request)
        case "invite":
            let member = try payee.account(named: try word(0))
            _ = try await request.submit(.org(.invite(org: org, member: member)))
            let notice = Notice(
                account: member,
                text: Texts.Orgs.invited(
                    org, by: request.name(me), kind: try self.kind(of: org, request),
                    link: Self.link(to: org, bot: request.services.botName)))
            return Answer(text: Texts.Orgs.done("Invited \(request.name(member)) to \(org)."), notices: [notice])
        case "join":
            _ = try await request.submit(.org(.join(org: org, member: me)))
            return try show(org, request, heading: Texts.Orgs.done("You joined \(org)."))
        case "leave":
            _ = try await request.submit(.org(.leave(org: org, member: me)))
            return Answer(text: Texts.Orgs.done("You left \(org)."))
        case "kick":
            let member = try payee.account(named: try word(0))
            _ = try await request.submit(.org(.kick(org: org, member: member)))
            return Answer(text: Texts.Orgs.done("\(request.name(member)) is no longer in \(org)."))
        case "role":
            let member = try payee.account(named: try word(0))
            let role = try word(1).lowercased()
            _ = try await request.submit(.org(.setRole(org: org, member: member, role: role)))
            return Answer(text: Texts.Orgs.done("\(request.name(member)) is now \(role) of \(org)."))
        case "wage":
            let member = try payee.account(named: try word(0))
            let amount = try word(1) == "0" ? 0 : try request.parse(try word(1), Asset.ticket.code)
            _ = try await request.submit(.org(.setWage(org: org, member: member, amount: amount)))
            return Answer(text: Texts.Orgs.done("\(request.name(member))'s wage in \(org) is \(request.format(amount, Asset.ticket.code)) a payday."))
        case "payroll":
            guard let period = Org.period(try word(0)) else { return Answer(text: Texts.Orgs.badPeriod(try word(0))) }
            _ = try await request.submit(.org(.setPayroll(org: org, period: period)))
            return Answer(text: Texts.Orgs.done(period == 0 ? "\(org) has no payroll now." : "\(org) pays wages every \(Rejection.duration(period))."))
        default:
            throw Problem.usage(command: kind.rawValue, arguments: usage)
        }
    }

    /// `/bind company acme` in a group, by its owner (a state's governor).
    private func bind(_ request: Request) async throws -> Answer {
        guard request.incoming.place.isGroup else { return Answer(text: Texts.Orgs.bindInGroup) }
        guard request.arguments.count == 2 else { throw Problem.usage(command: "bind", arguments: Texts.Orgs.bindUsage) }
        let org = request.arguments[1].lowercased()
        let details = try request.reader.org(named: org)
        let me = try request.account
        guard details.members.contains(where: { $0.name == me && $0.joined && $0.role == details.org.kind.topRole }) else {
            return Answer(text: Texts.Orgs.onlyTopRole)
        }
        try request.services.bindings.bind(chat: request.incoming.place.chat, to: org)
        return Answer(text: Texts.Orgs.bound(org))
    }

    /// `/co pay @bob 10` in a bound group: the action for the group's org, with the asker's own role.
    private func groupAction(_ request: Request) async throws -> Answer {
        guard let org = try request.services.bindings.org(of: request.incoming.place.chat) else { return Answer(text: Texts.Orgs.notBound) }
        let kind = try self.kind(of: org, request)
        guard let action = request.arguments.first else { return try show(org, request) }
        let usage = Texts.Orgs.coUsage
        guard Self.actions.contains(action), action != "new" else { throw Problem.usage(command: "co", arguments: usage) }
        return try await act(action, org: org, Array(request.arguments.dropFirst()), kind: kind, usage: usage, request)
    }

    private func kind(of org: String, _ request: Request) throws -> Org.Kind { try request.reader.org(named: org).org.kind }

    /// The player's companies (or states), one button each.
    private func mine(_ kind: Org.Kind, _ request: Request) throws -> Answer {
        let memberships = try request.reader.memberships(of: try request.account).filter { $0.kind == kind }
        guard !memberships.isEmpty else { return Answer(text: Texts.Orgs.none(kind), buttons: [[Texts.menuButton]], replacesPressed: true) }
        let lines = memberships.map { "\(Texts.Orgs.icon(kind)) \($0.org) — \($0.joined ? $0.role : "invited")" }
        return Answer(
            text: ([Texts.Orgs.yours(kind)] + lines).joined(separator: "\n"),
            buttons: memberships.map { Button("\(Texts.Orgs.icon(kind)) \($0.org)", "org", $0.org) }.rows() + [[Texts.menuButton]],
            replacesPressed: true)
    }

    /// An org as its members see it: treasury and inventory, members and roles, lines with status, paydays.
    private func show(_ org: String, _ request: Request, heading: String? = nil) throws -> Answer {
        let details = try request.reader.org(named: org)
        let holdings = try request.reader.balances(of: org).filter { $0.amount > 0 }
        var lines = heading.map { [$0] } ?? []
        lines.append("\(Texts.Orgs.icon(details.org.kind)) \(org)" + (details.org.dissolved ? " (dissolved)" : ""))
        lines.append("💰 " + (holdings.isEmpty ? "holds nothing" : holdings.map { request.format($0.amount, $0.asset.code) }.joined(separator: ", ")))
        lines += details.members.map { "👤 \(request.name($0.name)) — \($0.joined ? $0.role : "invited")" }
        lines += details.lines.map { "🏭 line \($0.name): \($0.status)" }
        if let period = details.org.payrollPeriod { lines.append("📅 payday every \(Rejection.duration(period))") }
        lines += details.wages.prefix(5).map {
            "   \(request.name($0.member)) \(request.format($0.amount, Asset.ticket.code)) " + ($0.paid ? "paid" : "skipped: treasury dry")
        }
        return Answer(text: lines.joined(separator: "\n"), buttons: [[Texts.menuButton]], replacesPressed: true)
    }
}
