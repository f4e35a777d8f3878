/// `Command.api`: keys, allowances, links, and a key's payments and charges. A key moves only its
/// own org's treasury: `pay` takes from it, `charge` pays into it, and every amount counts against
/// the key's caps (and, for a charge, the player's allowance) on the journal day.
extension Ledger {
    func apply(_ command: ApiCommand, actor: String, seq: Int64, at: Int64, in db: HotConnection) throws -> (createdID: Int64?, postings: [Posting]) {
        let store = ApiStore(db: db)
        let day = at / 86_400_000
        switch command {
        case .createKey(let org, let scopes, let hash, let max, let cap, let expires):
            let ref = try OrgStore(db: db).require(org)
            try requireGovernor(actor, of: ref, db)
            guard !scopes.isEmpty else { throw Rejection.invalidScopes("") }
            guard max.map({ $0 > 0 }) ?? true, cap.map({ $0 > 0 }) ?? true else { throw Rejection.nonPositiveAmount }
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else { throw Rejection.unknownApiKey }
            let id = try store.insertKey(org: ref.id, scopes: scopes, hash: hash, maxPerRequest: max, dailyCap: cap, expiresAt: expires, seq: seq)
            return (id, [])
        case .revokeKey(let org, let key):
            let ref = try OrgStore(db: db).require(org)
            try requireGovernor(actor, of: ref, db)
            guard let found = try store.key(key), found.orgID == ref.id else { throw Rejection.unknownApiKey }
            guard !found.revoked else { throw Rejection.apiKeyRevoked(key) }
            try store.revoke(key, seq: seq)
        case .grantAllowance(let player, let org, let daily):
            let who = try consentingPlayer(player, actor: actor, db)
            let ref = try OrgStore(db: db).require(org)
            guard daily > 0 else { throw Rejection.nonPositiveAmount }
            try store.putAllowance(daily, player: who, org: ref.id)
        case .revokeAllowance(let player, let org):
            let who = try consentingPlayer(player, actor: actor, db)
            let ref = try OrgStore(db: db).require(org)
            guard try store.removeAllowance(player: who, org: ref.id) else { throw Rejection.noAllowance(player: player, org: org) }
        case .createLink(let key, let subject, let code, let validFor):
            let found = try requireKey(key, actor: actor, scopes: [.charge, .pay], at: at, store)
            guard (1...64).contains(subject.count), subject.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            else { throw Rejection.invalidLinkSubject }
            guard (4...32).contains(code.count), (1...86_400_000).contains(validFor) else { throw Rejection.unknownLinkCode }
            try store.insertCode(code, org: found.orgID, subject: subject, expiresAt: at + validFor)
        case .redeemLink(let player, let code):
            let who = try consentingPlayer(player, actor: actor, db)
            guard let found = try store.code(code) else { throw Rejection.unknownLinkCode }
            guard at <= found.expiresAt else { throw Rejection.linkCodeExpired }
            try store.removeCode(code)
            try store.putLink(org: found.org, subject: found.subject, account: who, seq: seq)
        case .pay(let key, let to, let amount, let memo):
            let found = try requireKey(key, actor: actor, scopes: [.pay], at: at, store)
            try checkMemo(memo)
            _ = try payablePlayer(to, db)
            try chargeKey(found, amount, day: day, store)
            let payment = Posting(from: found.org, to: to, asset: Asset.ticket.code, amount: amount)
            return (nil, try post(try withFee(payment, db), seq, db))
        case .charge(let key, let from, let amount, let memo):
            let found = try requireKey(key, actor: actor, scopes: [.charge], at: at, store)
            try checkMemo(memo)
            let who = try payablePlayer(from, db)
            guard amount > 0 else { throw Rejection.nonPositiveAmount }
            guard let daily = try store.allowance(player: who, org: found.orgID) else {
                throw Rejection.noAllowance(player: from, org: found.org)
            }
            let spent = try store.addAllowanceSpending(amount, player: who, org: found.orgID, day: day)
            guard spent <= daily else {
                throw Rejection.overAllowance(player: from, org: found.org, daily: daily, spent: spent - amount)
            }
            try chargeKey(found, amount, day: day, store)
            let payment = Posting(from: from, to: found.org, asset: Asset.ticket.code, amount: amount)
            let postings = try post(try withFee(payment, db), seq, db)
            try emit(.chargeSucceeded, org: found.org, seq: seq, at: at, db,
                data: WebhookPayload.ChargeSucceeded(key: key, from: from, asset: Asset.ticket.code, amount: amount, memo: memo))
            return (nil, postings)
        case .giveItems(let key, let to, let asset, let amount, let memo):
            let found = try requireKey(key, actor: actor, scopes: [.items], at: at, store)
            try checkMemo(memo)
            _ = try payablePlayer(to, db)
            guard asset != Asset.ticket.code else { throw Rejection.notAnItem(asset) }
            let gift = Posting(from: found.org, to: to, asset: asset, amount: amount)
            return (nil, try post(try withFee(gift, db), seq, db))
        }
        return (nil, [])
    }

    /// Whether `actor` is one of `org`'s API keys; if so it must be live and hold `scope`, or the
    /// command is refused. Lets a key act where a member with the matching permission may.
    func isKey(_ actor: String, of org: String, holding scope: ApiScope, at: Int64, _ db: HotConnection) throws -> Bool {
        guard let id = ApiKey.id(ofActor: actor, org: org) else { return false }
        _ = try requireKey(id, actor: actor, scopes: [scope], at: at, ApiStore(db: db))
        return true
    }

    /// The key, if `actor` is that key and it is live and holds one of `scopes`.
    private func requireKey(_ id: Int64, actor: String, scopes: [ApiScope], at: Int64, _ store: ApiStore) throws -> ApiStore.Key {
        guard let key = try store.key(id) else { throw Rejection.unknownApiKey }
        guard actor == ApiKey.actor(org: key.org, id: id) else {
            throw Rejection.notPermitted(actor: actor, action: "use API key #\(id)")
        }
        guard !key.revoked else { throw Rejection.apiKeyRevoked(id) }
        if let expires = key.expiresAt, at >= expires { throw Rejection.apiKeyExpired(id) }
        guard scopes.contains(where: key.scopes.contains) else { throw Rejection.missingScope(scopes[0]) }
        _ = try OrgStore(db: store.db).require(key.org)
        return key
    }

    /// Counts `amount` against the key's per-request and daily caps, refusing past either.
    private func chargeKey(_ key: ApiStore.Key, _ amount: Int64, day: Int64, _ store: ApiStore) throws {
        guard amount > 0 else { throw Rejection.nonPositiveAmount }
        if let max = key.maxPerRequest, amount > max { throw Rejection.overRequestCap(cap: max) }
        guard let cap = key.dailyCap else { return }
        let spent = try store.addKeySpending(amount, key: key.id, day: day)
        guard spent <= cap else { throw Rejection.overKeyDailyCap(cap: cap, spent: spent - amount) }
    }

    /// Keys are made and revoked by whoever governs the org, or the admin.
    private func requireGovernor(_ actor: String, of org: OrgStore.Ref, _ db: HotConnection) throws {
        guard actor != Submission.admin else { return }
        try requireMember(actor, of: org, may: .govern, db)
    }

    /// The player consenting (an allowance, a link): only they or the admin speak for them.
    private func consentingPlayer(_ player: String, actor: String, _ db: HotConnection) throws -> Int64 {
        guard actor == player || actor == Submission.admin else {
            throw Rejection.notPermitted(actor: actor, action: "consent for \(player)")
        }
        return try payablePlayer(player, db)
    }

    /// A key pays and charges players only: never another org's or a system account.
    private func payablePlayer(_ name: String, _ db: HotConnection) throws -> Int64 {
        guard let who = try account(named: name, in: db) else { throw Rejection.unknownAccount(name) }
        guard who.kind == .player else { throw Rejection.notPermitted(actor: name, action: "be paid or charged through the API: only players are") }
        return who.id
    }
}
