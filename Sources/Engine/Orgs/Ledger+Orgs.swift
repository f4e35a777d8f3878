/// `Command.org`: applies one org command. Each concept lives in its own file (membership, state taxes,
/// assembly lines, payroll, dissolution); this one opens orgs and dispatches.
extension Ledger {
    func apply(
        _ command: OrgCommand, actor: String, seq: Int64, at: Int64, format: JournalFormat, in db: HotConnection
    ) throws -> (createdID: Int64?, postings: [Posting]) {
        if case .create(let kind, let name, let founder) = command {
            return try create(kind, name, founder: founder, actor: actor, seq: seq, at: at, db)
        }
        let org = try OrgStore(db: db).require(command.org)
        switch command {
        case .create: preconditionFailure("handled above")
        case .invite(_, let member): try invite(member, to: org, by: actor, seq: seq, db)
        case .join(_, let member): try join(member, org, by: actor, seq: seq, db)
        case .leave(_, let member): try remove(member, from: org, by: actor, kick: false, db)
        case .kick(_, let member): try remove(member, from: org, by: actor, kick: true, db)
        case .setRole(_, let member, let role): try setRole(role, of: member, in: org, by: actor, seq: seq, db)
        case .defineRole(_, let role): try defineRole(role, in: org, by: actor, db)
        case .setWage(_, let member, let amount): try setWage(amount, of: member, in: org, by: actor, seq: seq, db)
        case .setPayroll(_, let period): try setPayroll(every: period, of: org, by: actor, seq: seq, at: at, format: format, db)
        case .setTaxRule(_, let source):
            try requireMember(actor, of: org, may: .govern, db)
            try setTaxRule(source, of: org, seq: seq, in: db)
        case .startLine(_, let name, let stages):
            return (try startLine(name, stages, of: org, by: actor, seq: seq, at: at, format: format, db), [])
        case .stopLine(_, let line): try stopLine(line, of: org, by: actor, seq: seq, db)
        case .dissolve: return (nil, try dissolve(org, by: actor, seq: seq, db))
        case .setPrice(_, let recipe, let price): try setPrice(price, of: recipe, in: org, by: actor, db)
        case .buyService(_, let customer, let factory, let recipe):
            return try buyService(recipe, in: factory, of: org, for: customer, by: actor, seq: seq, at: at, format: format, db)
        }
        return (nil, [])
    }

    /// Opens the org's account with the founder in its top role; the creation fee of `companies.lua`
    /// is charged as a fee from the founder, so `sinks.lua` decides where it goes.
    private func create(
        _ kind: Org.Kind, _ name: String, founder: String, actor: String, seq: Int64, at: Int64, _ db: HotConnection
    ) throws -> (createdID: Int64?, postings: [Posting]) {
        guard actor == founder || actor == Submission.admin else {
            throw Rejection.notPermitted(actor: actor, action: "found an organization for \(founder)")
        }
        guard Account.isValidName(name), name != Submission.admin, !Account.isPool(name) else {
            throw Rejection.invalidAccountName(name)
        }
        guard let who = try account(named: founder, in: db) else { throw Rejection.unknownAccount(founder) }
        guard who.kind == .player else { throw Rejection.notPermitted(actor: founder, action: "found an organization: only players do") }
        let store = OrgStore(db: db)
        if kind == .state, let other = try store.state(of: who.id) {
            throw Rejection.alreadyCitizen(account: founder, state: other)
        }
        let fee = try rules.creationFee(kind: kind, name: name, founder: founder)
        let postings = try post(try feeLegs(from: founder, fee: fee, asset: Asset.ticket.code, source: "org_creation"), seq, db)
        let id = try openAccount(name, kind: .org, at: at, db)
        try store.insert(account: id, kind: kind, founder: who.id, seq: seq)
        for role in kind.builtInRoles { try store.put(role, of: id) }
        try store.put(.init(accountID: who.id, role: kind.topRole, joined: true, wage: 0), of: id, seq: seq)
        if kind == .state { try citizens.set(founder, to: name, db) }
        return (id, postings)
    }
}
