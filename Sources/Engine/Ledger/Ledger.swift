import GRDB

/// The deterministic state machine of the L1 ledger.
///
/// `apply` runs inside the caller's transaction and reads nothing but the database, the command, its
/// actor, sequence number and journal time. The live writer and `tix verify`'s replay call this same
/// code, which is what makes a replay prove the stored state.
struct Ledger {
    static let maxLegs = 64
    static let maxMemoLength = 280

    /// Ids of accounts and assets already looked up; owned by whoever owns this ledger.
    let names = NameCache()
    /// Who is a citizen of which state: the O(1) check before any state tax is looked up.
    let citizens = CitizenCache()
    /// Which orgs' webhook endpoints listen to what: the O(1) check before any delivery is written.
    let webhooks = WebhookSubscriptions()
    /// The balances read and written, so postings are checked in memory.
    let balances = BalanceCache()
    /// The Lua rules; owned with the ledger.
    let rules: RuleSet

    init(rules: RuleSet) { self.rules = rules }

    /// `format` is the entry's journal format: the live engine applies the current one; a replay applies
    /// each entry as its own format did (crafting changed between formats 1 and 2).
    func apply(
        _ command: Command, actor: String, key: String, seq: Int64, at: Int64, format: JournalFormat, in db: HotConnection
    ) throws -> Receipt {
        rules.begin(seq: seq, actor: actor, key: key)
        var receipt = Receipt(seq: seq, at: at)
        // A member acting for an org: their role's daily cap is charged once the command has applied.
        var acting: OrgActing?
        switch command {
        case .openAccount(let name, let kind):
            guard Account.isValidName(name), name != Submission.admin else {
                throw Rejection.invalidAccountName(name)
            }
            guard !Account.isPool(name) else { throw Rejection.poolAccount(name) }
            guard actor == Submission.admin || (kind == .player && actor == name) else {
                throw Rejection.notPermitted(actor: actor, action: "open the account '\(name)'")
            }
            receipt.createdID = try openAccount(name, kind: kind, at: at, db)

        case .defineAsset(let asset):
            try requireAdmin(actor, "define assets")
            guard Asset.isValidCode(asset.code) else { throw Rejection.invalidAssetCode(asset.code) }
            guard (0...8).contains(asset.scale) else { throw Rejection.invalidScale(asset.scale) }
            guard try self.asset(code: asset.code, in: db) == nil else { throw Rejection.assetExists(asset.code) }
            try db.run(
                "INSERT INTO assets (code, kind, scale) VALUES (?, ?, ?)",
                .text(asset.code), .text(asset.kind.rawValue), .int(Int64(asset.scale)))
            receipt.createdID = db.lastInsertedRowID

        case .mint(let to, let asset, let amount, let memo):
            try requireAdmin(actor, "issue new supply")
            try checkMemo(memo)
            receipt.postings = try post([Posting(from: Account.mint, to: to, asset: asset, amount: amount)], seq, db)

        case .transfer(let from, let to, let asset, let amount, let memo):
            try checkMemo(memo)
            acting = try requireActor(actor, for: from, may: asset == Asset.ticket.code ? .spend : .inventory, db)
            receipt.postings = try post(try withFee(Posting(from: from, to: to, asset: asset, amount: amount), db), seq, db)
            try emit(.transferReceived, org: to, seq: seq, at: at, db,
                data: WebhookPayload.TransferReceived(from: from, asset: asset, amount: amount, memo: memo))

        case .post(let legs, let memo):
            try requireAdmin(actor, "post several legs at once")
            try checkMemo(memo)
            guard !legs.isEmpty else { throw Rejection.emptyPosting }
            guard legs.count <= Self.maxLegs else { throw Rejection.tooManyLegs(limit: Self.maxLegs) }
            receipt.postings = try post(legs, seq, db)

        case .claimReward(let account, let kind):
            try requireOwner(actor, of: account)
            receipt.postings = try claim(kind, for: account, at: at, seq, db)

        case .nameInviter(let account, let inviter):
            guard actor == account || actor == Submission.admin else {
                throw Rejection.notPermitted(actor: actor, action: "name the inviter of \(account)")
            }
            try nameInviter(inviter, of: account, seq: seq, db)

        case .placeOrder(let order):
            acting = try requireActor(actor, for: order.account, may: .trade, db)
            (receipt.createdID, receipt.postings) = try place(order, seq: seq, at: at, format: format, in: db)

        case .cancelOrder(let account, let order):
            acting = try requireActor(actor, for: account, may: .trade, db)
            receipt.postings = try cancel(order, by: account, seq: seq, in: db)

        case .buildFactory(let account, let name):
            acting = try requireActor(actor, for: account, may: .factories, db)
            (receipt.createdID, receipt.postings) = try buildFactory(name, for: account, seq: seq, in: db)

        case .fitComponent(let account, let factory, let component):
            acting = try requireActor(actor, for: account, may: .factories, db)
            receipt.postings = try fit(component, into: factory, by: account, seq: seq, in: db)

        case .startCraft(let account, let factory, let recipe, let repeats):
            acting = try requireActor(actor, for: account, may: .factories, db)
            (receipt.createdID, receipt.postings) = try startCraft(
                recipe, in: factory, for: account, repeats: repeats, seq: seq, at: at, format: format, in: db)

        case .cancelCraft(let account, let job):
            acting = try requireActor(actor, for: account, may: .factories, db)
            receipt.postings = try cancelCraft(job, by: account, seq: seq, format: format, in: db)

        case .runDueJobs:
            try requireAdmin(actor, "run the job queue")
            receipt.postings = try runDueJobs(seq: seq, at: at, format: format, in: db)
        case .createPool(let asset, let items, let tickets):
            try requireAdmin(actor, "create pools")
            (receipt.createdID, receipt.postings) = try createPool(asset, items: items, tickets: tickets, seq, at, db)

        case .swap(let swap):
            acting = try requireActor(actor, for: swap.account, may: .trade, db)
            receipt.postings = try self.swap(swap, seq, at, db)

        case .propose(let account, let recipe, let title, let source):
            try requireOwner(actor, of: account)
            (receipt.createdID, receipt.postings) = try propose(
                recipe, title: title, source: source, by: account, seq: seq, at: at, format: format, db)

        case .vote(let account, let proposal, let ballot):
            guard actor == account else { throw Rejection.notPermitted(actor: actor, action: "vote for \(account)") }
            try vote(ballot, on: proposal, by: account, at: at, seq: seq, db)

        case .veto(let proposal, let reason):
            receipt.postings = try veto(proposal, reason: reason, by: actor, seq: seq, at: at, db)

        case .cancelProposal(let account, let proposal):
            try requireOwner(actor, of: account)
            receipt.postings = try cancelProposal(proposal, by: account, seq: seq, at: at, db)

        case .setVetoer(let account, let holds):
            try requireAdmin(actor, "give or take the veto role")
            try setVetoer(account, holds: holds, db)

        case .license(let grant):
            try requireOwner(actor, of: grant.holder)
            try license(grant, seq: seq, at: at, db)

        case .setPatentTerms(let holder, let recipe, let royalty):
            try requireOwner(actor, of: holder)
            try setTerms(recipe, royalty: royalty, by: holder, at: at, db)
        case .org(let command):
            (receipt.createdID, receipt.postings) = try apply(command, actor: actor, seq: seq, at: at, format: format, in: db)
        case .api(let command):
            (receipt.createdID, receipt.postings) = try apply(command, actor: actor, seq: seq, at: at, in: db)
        case .webhook(let command):
            receipt.createdID = try apply(command, actor: actor, seq: seq, at: at, db)
        }
        if let acting { try chargeCap(acting, receipt.postings, at: at, db) }
        return receipt
    }

    /// A payment plus the legs of its fee, which the sender pays on top; `post` checks that the sender
    /// affords both together.
    func withFee(_ payment: Posting, _ db: HotConnection) throws -> [Posting] {
        guard payment.amount > 0, payment.from != payment.to else { return [payment] }
        guard let from = try account(named: payment.from, in: db) else { throw Rejection.unknownAccount(payment.from) }
        guard let to = try account(named: payment.to, in: db) else { throw Rejection.unknownAccount(payment.to) }
        guard try asset(code: payment.asset, in: db) != nil else { throw Rejection.unknownAsset(payment.asset) }
        if to.kind == .org { try refuseDissolved(payment.to, id: to.id, db) }
        let fee = try rules.transferFee(
            amount: payment.amount, asset: payment.asset, from: (payment.from, from.kind), to: (payment.to, to.kind))
        return [payment] + (try feeLegs(from: payment.from, fee: fee, asset: payment.asset, source: "transfer"))
            + (try taxLegs(.transfer, payer: payment.from, amount: payment.amount, asset: payment.asset, to: payment.to, db))
    }

    /// The legs that take a fee from `payer`: burned into `sink` and paid to `treasury` as `sinks.lua` splits it.
    func feeLegs(from payer: String, fee: Int64, asset: String, source: String) throws -> [Posting] {
        guard fee > 0 else { return [] }
        let split = try rules.split(fee: fee, asset: asset, source: source)
        return [
            Posting(from: payer, to: Account.sink, asset: asset, amount: split.burn),
            Posting(from: payer, to: Account.treasury, asset: asset, amount: split.treasury),
        ].filter { $0.amount > 0 }
    }

    /// Stores a new account under a free name and returns its id.
    func openAccount(_ name: String, kind: Account.Kind, at: Int64, _ db: HotConnection) throws -> Int64 {
        guard try account(named: name, in: db) == nil else { throw Rejection.accountExists(name) }
        try db.run(
            "INSERT INTO accounts (name, kind, created_at) VALUES (?, ?, ?)",
            .text(name), .text(kind.rawValue), .int(at))
        return db.lastInsertedRowID
    }

    /// Applies legs as one movement: each balance changes once, by the net of its legs. So a payment
    /// and its fee are checked together, and a leg may spend what an earlier leg of the posting delivers.
    /// A refusal throws before any balance is written. Pool accounts move only
    /// with `movingPools`: the AMM, which records their reserves after each change.
    func post(_ legs: [Posting], _ seq: Int64, _ db: HotConnection, movingPools: Bool = false) throws -> [Posting] {
        var changes: [BalanceChange] = []
        var rows: [(debit: Int64, credit: Int64, asset: Int64)] = []
        for leg in legs {
            guard leg.amount > 0 else { throw Rejection.nonPositiveAmount }
            guard leg.from != leg.to else { throw Rejection.sameAccount }
            guard leg.from != Account.sink else { throw Rejection.sinkIsFinal }
            guard movingPools || !(Account.isPool(leg.from) || Account.isPool(leg.to)) else {
                throw Rejection.poolAccount(Account.isPool(leg.from) ? leg.from : leg.to)
            }
            guard let asset = try asset(code: leg.asset, in: db) else { throw Rejection.unknownAsset(leg.asset) }
            guard let debit = try account(named: leg.from, in: db) else { throw Rejection.unknownAccount(leg.from) }
            guard let credit = try account(named: leg.to, in: db) else { throw Rejection.unknownAccount(leg.to) }
            try BalanceChange.add(-leg.amount, to: (debit.id, leg.from), asset: (asset, leg.asset), in: &changes)
            try BalanceChange.add(leg.amount, to: (credit.id, leg.to), asset: (asset, leg.asset), in: &changes)
            rows.append((debit.id, credit.id, asset.id))
        }
        // Debits are checked first, so a refusal names the payer who cannot afford it.
        let ordered = changes.filter { $0.delta < 0 } + changes.filter { $0.delta > 0 }
        let settled = try ordered.map { try settle($0, db) }
        for (key, amount) in settled { try balances.write(key, amount, db) }
        return try zip(legs, rows).map { leg, row in
            try db.run(
                "INSERT INTO postings (seq, debit_id, credit_id, asset_id, amount) VALUES (?, ?, ?, ?, ?)",
                .int(seq), .int(row.debit), .int(row.credit), .int(row.asset), .int(leg.amount))
            var posted = leg
            posted.id = db.lastInsertedRowID
            return posted
        }
    }

    func account(named name: String, in db: HotConnection) throws -> NameCache.AccountRef? {
        if let cached = names.accounts[name] { return cached }
        let found = try db.first("SELECT id, kind FROM accounts WHERE name = ?", .text(name)) {
            NameCache.AccountRef(id: $0.int(0), kind: Account.Kind(rawValue: $0.text(1)) ?? .player)
        }
        if let found { names.remember(account: name, found) }
        return found
    }

    func asset(code: String, in db: HotConnection) throws -> NameCache.AssetRef? {
        if let cached = names.assets[code] { return cached }
        let found = try db.first("SELECT id, scale FROM assets WHERE code = ?", .text(code)) {
            NameCache.AssetRef(id: $0.int(0), scale: Int($0.int(1)))
        }
        if let found { names.remember(asset: code, found) }
        return found
    }

    /// The balance a change leaves, or why it cannot: only mint's balance may go below zero, and no
    /// balance may overflow.
    private func settle(_ change: BalanceChange, _ db: HotConnection) throws -> (BalanceCache.Key, Int64) {
        let key = BalanceCache.Key(account: change.account, asset: change.asset.id)
        let has = try balances.amount(key, db) ?? 0
        let (left, overflow) = has.addingReportingOverflow(change.delta)
        guard !overflow else { throw Rejection.balanceOverflow(account: change.name) }
        if left < 0 && change.name != Account.mint {
            throw insufficient(change.name, has: has, needs: -change.delta, change.asset, change.code)
        }
        return (key, left)
    }

    private func insufficient(_ account: String, has: Int64, needs: Int64, _ asset: NameCache.AssetRef, _ code: String) -> Rejection {
        .insufficientFunds(
            account: account,
            has: Amount.format(has, scale: asset.scale) + " " + code,
            needs: Amount.format(needs, scale: asset.scale) + " " + code)
    }

    func requireAdmin(_ actor: String, _ action: String) throws {
        guard actor == Submission.admin else { throw Rejection.notPermitted(actor: actor, action: action) }
    }

    /// Players move only their own balances; the admin moves any but the sink's.
    func requireOwner(_ actor: String, of account: String) throws {
        guard actor == account || actor == Submission.admin else {
            throw Rejection.notPermitted(actor: actor, action: "move funds out of \(account)")
        }
    }

    func checkMemo(_ memo: String?) throws {
        guard (memo?.count ?? 0) <= Self.maxMemoLength else { throw Rejection.memoTooLong(limit: Self.maxMemoLength) }
    }
}
