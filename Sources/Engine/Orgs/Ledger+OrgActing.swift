/// A member acting for an org through an L1 command (a transfer out of its treasury, a swap, an order,
/// a craft in its factory): the command names the org's account and the submission's actor is the
/// member, whose role must grant the permission, and whose tickets moved out count against the role's
/// daily cap.
struct OrgActing {
    var org: OrgStore.Ref
    var member: String
    var memberID: Int64
    var role: OrgRole
}

extension Ledger {
    /// Who may act for `account`: the account itself and the admin at no cost (the hot path), or a
    /// member of the org whose role grants `permission` (nil: nobody but the account).
    func requireActor(_ actor: String, for account: String, may permission: OrgPermission?, _ db: HotConnection) throws -> OrgActing? {
        if actor == account || actor == Submission.admin { return nil }
        guard let permission, try self.account(named: account, in: db)?.kind == .org else {
            throw Rejection.notPermitted(actor: actor, action: "move funds out of \(account)")
        }
        return try requireMember(actor, of: try OrgStore(db: db).require(account), may: permission, db)
    }

    /// The actor's membership, if they are a member whose role grants `permission`.
    @discardableResult
    func requireMember(_ actor: String, of org: OrgStore.Ref, may permission: OrgPermission, _ db: HotConnection) throws -> OrgActing {
        let store = OrgStore(db: db)
        guard let who = try account(named: actor, in: db), let member = try store.member(who.id, of: org.id), member.joined else {
            throw Rejection.notAMember(org: org.name, account: actor)
        }
        guard let role = try store.role(member.role, of: org.id), role.permissions.contains(permission) else {
            throw Rejection.lacksPermission(member: actor, org: org.name, role: member.role, permission: permission)
        }
        return OrgActing(org: org, member: actor, memberID: who.id, role: role)
    }

    /// Counts the tickets this command moved out of the treasury against the member's daily cap, and
    /// refuses the whole command when they go past it.
    func chargeCap(_ acting: OrgActing, _ postings: [Posting], at: Int64, _ db: HotConnection) throws {
        guard let cap = acting.role.dailyCap else { return }
        var out: Int64 = 0
        for leg in postings where leg.from == acting.org.name && leg.to != acting.org.name && leg.asset == Asset.ticket.code {
            let (sum, overflow) = out.addingReportingOverflow(leg.amount)
            guard !overflow else { throw Rejection.overDailyCap(member: acting.member, org: acting.org.name, cap: cap, spent: .max) }
            out = sum
        }
        guard out > 0 else { return }
        let spent = try OrgStore(db: db).addSpending(out, org: acting.org.id, account: acting.memberID, day: at / 86_400_000)
        guard spent <= cap else {
            throw Rejection.overDailyCap(member: acting.member, org: acting.org.name, cap: cap, spent: spent - out)
        }
    }
}
