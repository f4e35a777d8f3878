import LuaBridge

/// State tax rules: a Lua script per state, set by its governor, stored in `rule_versions` like every
/// rule version the journal names, and loaded into the writer's sandbox as `states/<name>.lua` when a
/// taxed action first needs it. The ledger, not the sandbox, says which version is the state's, so a
/// rolled-back change or a replay can never leave the wrong one in force.
extension Ledger {
    /// The largest tax rule a governor may store.
    static let maxTaxRuleBytes = 65_536

    /// Checks the script like `tix rules check` (it compiles, its examples hold) and makes it the
    /// state's rule from this command on.
    func setTaxRule(_ source: String, of state: OrgStore.Ref, seq: Int64, in db: HotConnection) throws {
        guard state.kind == .state else { throw Rejection.wrongOrgKind(org: state.name, needs: .state) }
        guard source.utf8.count <= Self.maxTaxRuleBytes, !source.utf8.contains(0) else {
            throw Rejection.invalidTaxRule("a tax rule is at most \(Self.maxTaxRuleBytes) bytes of text")
        }
        let file = ScriptFile(name: RuleSet.stateRule(state.name), source: source)
        if let problem = RuleCheck.check(file).first { throw Rejection.invalidTaxRule(problem.description) }
        try db.run(
            "INSERT OR IGNORE INTO rule_versions (sha256, name, source, first_seq) VALUES (?, ?, ?, ?)",
            .text(file.sha256), .text(file.name), .text(source), .int(seq))
        try db.run("UPDATE orgs SET tax_rule = ? WHERE account_id = ?", .text(file.sha256), .int(state.id))
    }

    /// The legs of the tax `payer` owes their state on an action of `amount` `asset`, paid out of
    /// `source` (the payer, or the escrow holding a sale's proceeds) into the state's treasury. One
    /// dictionary lookup for a player who is no citizen; taxes are in tickets, on ticket amounts.
    func taxLegs(
        _ kind: TaxKind, payer: String, paidFrom source: String? = nil, amount: Int64, asset: String, to: String,
        limit: Int64 = .max, _ db: HotConnection
    ) throws -> [Posting] {
        guard let state = try citizens.state(of: payer, db), state != to else { return [] }
        guard kind == .craft || asset == Asset.ticket.code else { return [] }
        let org = try OrgStore(db: db).require(state)
        guard let version = org.taxRule else { return [] }
        try loadStateRule(state, version: version, db)
        let tax = try rules.stateTax(state, kind: kind, amount: amount, asset: asset, citizen: payer, to: to, limit: limit)
        return tax > 0 ? [Posting(from: source ?? payer, to: state, asset: Asset.ticket.code, amount: tax)] : []
    }

    /// Puts the state's stored rule version in the sandbox, unless it is there already.
    func loadStateRule(_ state: String, version: String, _ db: HotConnection) throws {
        let name = RuleSet.stateRule(state)
        guard rules.version(of: name) != version else { return }
        guard let source = try db.first("SELECT source FROM rule_versions WHERE sha256 = ?", .text(version), read: { $0.text(0) })
        else { throw Rejection.ruleFailed("\(name): version \(version) is not stored") }
        do { try rules.install(ScriptFile(name: name, source: source)) } catch {
            throw Rejection.ruleFailed("\(error)")
        }
    }
}

extension Ledger {
    /// The state tax on a citizen's craft, paid when it starts: the rule sees the recipe as `asset`
    /// and 1 as `amount`.
    func craftTax(_ recipe: String, by account: String, seq: Int64, _ db: HotConnection) throws -> [Posting] {
        let legs = try taxLegs(.craft, payer: account, amount: 1, asset: recipe, to: account, db)
        return legs.isEmpty ? [] : try post(legs, seq, db)
    }
}
