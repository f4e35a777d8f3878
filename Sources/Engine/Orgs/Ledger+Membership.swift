/// Members and roles: invitations, joining and leaving, kicks, roles and wages. Every command checks
/// the acting member's role first; a refusal changes nothing.
extension Ledger {
    func invite(_ player: String, to org: OrgStore.Ref, by actor: String, seq: Int64, _ db: HotConnection) throws {
        try requireMember(actor, of: org, may: .hire, db)
        let who = try requirePlayer(player, db)
        let store = OrgStore(db: db)
        guard try store.member(who, of: org.id) == nil else { throw Rejection.alreadyMember(org: org.name, account: player) }
        try store.put(.init(accountID: who, role: org.kind.newcomerRole, joined: false, wage: 0), of: org.id, seq: seq)
    }

    /// A company takes those it invited; a state also admits by its rule's `admit(c)`. A player is a
    /// citizen of one state at most.
    func join(_ player: String, _ org: OrgStore.Ref, by actor: String, seq: Int64, _ db: HotConnection) throws {
        guard actor == player || actor == Submission.admin else {
            throw Rejection.notPermitted(actor: actor, action: "join \(org.name) for \(player)")
        }
        let who = try requirePlayer(player, db)
        let store = OrgStore(db: db)
        let existing = try store.member(who, of: org.id)
        guard existing?.joined != true else { throw Rejection.alreadyMember(org: org.name, account: player) }
        switch org.kind {
        case .company, .game:
            guard existing != nil else { throw Rejection.notInvited(org: org.name, account: player) }
        case .state:
            if let other = try store.state(of: who) { throw Rejection.alreadyCitizen(account: player, state: other) }
            if let version = org.taxRule {
                try loadStateRule(org.name, version: version, db)
                let count = try store.count(holding: org.kind.newcomerRole, in: org.id)
                if let reason = try rules.admissionRefusal(state: org.name, account: player, citizens: count) {
                    throw Rejection.admissionRefused(state: org.name, reason: reason)
                }
            }
            try citizens.set(player, to: org.name, db)
        }
        try store.put(
            .init(accountID: who, role: existing?.role ?? org.kind.newcomerRole, joined: true, wage: existing?.wage ?? 0),
            of: org.id, seq: seq)
    }

    /// Leaving by oneself, or a kick by a member who may hire. The last holder of the top role stays,
    /// and nobody kicks a holder of the top role.
    func remove(_ player: String, from org: OrgStore.Ref, by actor: String, kick: Bool, _ db: HotConnection) throws {
        if kick {
            try requireMember(actor, of: org, may: .hire, db)
        } else if actor != player && actor != Submission.admin {
            throw Rejection.notPermitted(actor: actor, action: "make \(player) leave \(org.name)")
        }
        let store = OrgStore(db: db)
        guard let who = try account(named: player, in: db)?.id, let member = try store.member(who, of: org.id) else {
            throw Rejection.notAMember(org: org.name, account: player)
        }
        if member.role == org.kind.topRole && member.joined {
            guard !kick else { throw Rejection.topRoleStays(org: org.name, role: member.role) }
            guard try store.count(holding: member.role, in: org.id) > 1 else {
                throw Rejection.topRoleStays(org: org.name, role: member.role)
            }
        }
        try store.remove(who, from: org.id)
        if org.kind == .state && member.joined { try citizens.set(player, to: nil, db) }
    }

    /// Gives a member a role. Only a holder of `govern` hands out or takes away the top role, and the
    /// org keeps at least one holder of it.
    func setRole(_ role: String, of player: String, in org: OrgStore.Ref, by actor: String, seq: Int64, _ db: HotConnection) throws {
        let acting = try requireMember(actor, of: org, may: .hire, db)
        let store = OrgStore(db: db)
        guard try store.role(role, of: org.id) != nil else { throw Rejection.unknownRole(org: org.name, role: role) }
        guard let who = try account(named: player, in: db)?.id, var member = try store.member(who, of: org.id), member.joined else {
            throw Rejection.notAMember(org: org.name, account: player)
        }
        let top = org.kind.topRole
        if role == top || member.role == top {
            guard acting.role.permissions.contains(.govern) else {
                throw Rejection.lacksPermission(member: actor, org: org.name, role: acting.role.name, permission: .govern)
            }
            if member.role == top, role != top, try store.count(holding: top, in: org.id) <= 1 {
                throw Rejection.topRoleStays(org: org.name, role: top)
            }
        }
        member.role = role
        try store.put(member, of: org.id, seq: seq)
    }

    /// Creates or changes a custom role; the built-in top role keeps every permission.
    func defineRole(_ role: OrgRole, in org: OrgStore.Ref, by actor: String, _ db: HotConnection) throws {
        try requireMember(actor, of: org, may: .govern, db)
        guard OrgRole.isValidName(role.name) else { throw Rejection.invalidRoleName(role.name) }
        guard role.name != org.kind.topRole else { throw Rejection.topRoleStays(org: org.name, role: role.name) }
        guard (role.dailyCap ?? 0) >= 0 else { throw Rejection.nonPositiveAmount }
        try OrgStore(db: db).put(role, of: org.id)
    }

    func setWage(_ amount: Int64, of player: String, in org: OrgStore.Ref, by actor: String, seq: Int64, _ db: HotConnection) throws {
        try requireMember(actor, of: org, may: .hire, db)
        guard amount >= 0 else { throw Rejection.nonPositiveAmount }
        let store = OrgStore(db: db)
        guard let who = try account(named: player, in: db)?.id, var member = try store.member(who, of: org.id), member.joined else {
            throw Rejection.notAMember(org: org.name, account: player)
        }
        member.wage = amount
        try store.put(member, of: org.id, seq: seq)
    }

    /// Members are players: an org does not join another org.
    private func requirePlayer(_ name: String, _ db: HotConnection) throws -> Int64 {
        guard let who = try account(named: name, in: db) else { throw Rejection.unknownAccount(name) }
        guard who.kind == .player else { throw Rejection.notPermitted(actor: name, action: "join an organization: only players do") }
        return who.id
    }
}
