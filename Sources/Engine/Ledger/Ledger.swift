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

    func apply(_ command: Command, actor: String, seq: Int64, at: Int64, in db: HotConnection) throws -> Receipt {
        var receipt = Receipt(seq: seq, at: at)
        switch command {
        case .openAccount(let name, let kind):
            guard Account.isValidName(name), name != Submission.admin else {
                throw Rejection.invalidAccountName(name)
            }
            guard actor == Submission.admin || (kind == .player && actor == name) else {
                throw Rejection.notPermitted(actor: actor, action: "open the account '\(name)'")
            }
            guard try account(named: name, in: db) == nil else { throw Rejection.accountExists(name) }
            try db.run(
                "INSERT INTO accounts (name, kind, created_at) VALUES (?, ?, ?)",
                .text(name), .text(kind.rawValue), .int(at))
            receipt.createdID = db.lastInsertedRowID

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
            try requireOwner(actor, of: from)
            receipt.postings = try post([Posting(from: from, to: to, asset: asset, amount: amount)], seq, db)

        case .post(let legs, let memo):
            try checkMemo(memo)
            guard !legs.isEmpty else { throw Rejection.emptyPosting }
            guard legs.count <= Self.maxLegs else { throw Rejection.tooManyLegs(limit: Self.maxLegs) }
            for leg in legs { try requireOwner(actor, of: leg.from) }
            receipt.postings = try post(legs, seq, db)
        }
        return receipt
    }

    /// Applies legs in order. A failing leg throws, and the caller's savepoint undoes the earlier ones.
    private func post(_ legs: [Posting], _ seq: Int64, _ db: HotConnection) throws -> [Posting] {
        var stored: [Posting] = []
        stored.reserveCapacity(legs.count)
        for leg in legs {
            guard leg.amount > 0 else { throw Rejection.nonPositiveAmount }
            guard leg.from != leg.to else { throw Rejection.sameAccount }
            guard leg.from != Account.sink else { throw Rejection.sinkIsFinal }
            guard let asset = try asset(code: leg.asset, in: db) else { throw Rejection.unknownAsset(leg.asset) }
            guard let debit = try account(named: leg.from, in: db) else { throw Rejection.unknownAccount(leg.from) }
            guard let credit = try account(named: leg.to, in: db) else { throw Rejection.unknownAccount(leg.to) }

            try debitBalance(debit.id, leg, asset, db)
            try creditBalance(credit.id, leg, asset, db)
            try db.run(
                "INSERT INTO postings (seq, debit_id, credit_id, asset_id, amount) VALUES (?, ?, ?, ?, ?)",
                .int(seq), .int(debit.id), .int(credit.id), .int(asset.id), .int(leg.amount))
            var posted = leg
            posted.id = db.lastInsertedRowID
            stored.append(posted)
        }
        return stored
    }

    func account(named name: String, in db: HotConnection) throws -> NameCache.AccountRef? {
        if let cached = names.accounts[name] { return cached }
        let found = try db.first("SELECT id, kind FROM accounts WHERE name = ?", .text(name)) {
            NameCache.AccountRef(id: $0.int(0), kind: Account.Kind(rawValue: $0.text(1)) ?? .player)
        }
        names.accounts[name] = found
        return found
    }

    func asset(code: String, in db: HotConnection) throws -> NameCache.AssetRef? {
        if let cached = names.assets[code] { return cached }
        let found = try db.first("SELECT id, scale FROM assets WHERE code = ?", .text(code)) {
            NameCache.AssetRef(id: $0.int(0), scale: Int($0.int(1)))
        }
        names.assets[code] = found
        return found
    }

    /// Takes `leg.amount` out of an account in one statement. SQLite turns an overflowing integer sum into
    /// a REAL, which the balances table's type check refuses: arithmetic stays checked.
    private func debitBalance(_ account: Int64, _ leg: Posting, _ asset: NameCache.AssetRef, _ db: HotConnection) throws {
        let left = try overflowChecked(leg.from) {
            try db.first(
                "UPDATE balances SET amount = amount - ? WHERE account_id = ? AND asset_id = ? RETURNING amount",
                .int(leg.amount), .int(account), .int(asset.id)) { $0.int(0) }
        }
        if left == nil {
            guard leg.from == Account.mint else { throw insufficient(leg, has: 0, asset) }
            try db.run(
                "INSERT INTO balances (account_id, asset_id, amount) VALUES (?, ?, ?)",
                .int(account), .int(asset.id), .int(-leg.amount))
        } else if let left, left < 0, leg.from != Account.mint {
            throw insufficient(leg, has: left + leg.amount, asset)
        }
    }

    private func creditBalance(_ account: Int64, _ leg: Posting, _ asset: NameCache.AssetRef, _ db: HotConnection) throws {
        try overflowChecked(leg.to) {
            try db.run(
                """
                INSERT INTO balances (account_id, asset_id, amount) VALUES (?, ?, ?)
                ON CONFLICT (account_id, asset_id) DO UPDATE SET amount = amount + excluded.amount
                """,
                .int(account), .int(asset.id), .int(leg.amount))
        }
    }

    private func overflowChecked<T>(_ account: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw Rejection.balanceOverflow(account: account)
        }
    }

    private func insufficient(_ leg: Posting, has: Int64, _ asset: NameCache.AssetRef) -> Rejection {
        .insufficientFunds(
            account: leg.from,
            has: Amount.format(has, scale: asset.scale) + " " + leg.asset,
            needs: Amount.format(leg.amount, scale: asset.scale) + " " + leg.asset)
    }

    private func requireAdmin(_ actor: String, _ action: String) throws {
        guard actor == Submission.admin else { throw Rejection.notPermitted(actor: actor, action: action) }
    }

    /// Players move only their own balances; the admin moves any but the sink's.
    private func requireOwner(_ actor: String, of account: String) throws {
        guard actor == account || actor == Submission.admin else {
            throw Rejection.notPermitted(actor: actor, action: "move funds out of \(account)")
        }
    }

    private func checkMemo(_ memo: String?) throws {
        guard (memo?.count ?? 0) <= Self.maxMemoLength else { throw Rejection.memoTooLong(limit: Self.maxMemoLength) }
    }
}
