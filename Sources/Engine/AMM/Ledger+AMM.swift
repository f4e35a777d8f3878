/// The AMM's commands on the ledger: opening a pool and swapping with it. A pool's reserves are the
/// balances of its `pool.<asset>` account, so a swap is one ordinary posting, checked and applied
/// like any other; `pool_history` then records the reserves it left.
extension Ledger {
    /// A pool as a swap finds it.
    struct Pool {
        var id: Int64
        var account: String
        var items: Int64
        var tickets: Int64
    }

    /// Opens the pool of a raw material: an account of its own, seeded from `mint` with both reserves,
    /// and the first row of its history. Returns the account's id.
    func createPool(_ code: String, items: Int64, tickets: Int64, _ seq: Int64, _ at: Int64, _ db: HotConnection) throws -> (Int64, [Posting]) {
        guard items > 0, tickets > 0 else { throw Rejection.nonPositiveAmount }
        let material = try rawMaterial(code, db)
        guard material.pool == nil else { throw Rejection.poolExists(code) }
        let name = Account.pool(of: code)
        guard Account.isValidName(name) else { throw Rejection.invalidAccountName(name) }
        let account = try openAccount(name, kind: .system, at: at, db)
        try db.run(
            "INSERT INTO pools (asset_id, account_id, created_seq) VALUES (?, ?, ?)",
            .int(material.asset), .int(account), .int(seq))
        let pool = db.lastInsertedRowID
        let postings = try post([
            Posting(from: Account.mint, to: name, asset: code, amount: items),
            Posting(from: Account.mint, to: name, asset: Asset.ticket.code, amount: tickets),
        ], seq, db, movingPools: true)
        try recordReserves(of: pool, seq, at, volume: 0, db)
        return (account, postings)
    }

    /// Trades with a pool in one posting: the trader pays the net input into the pool and the fee to
    /// `sinks.lua`'s split, the pool pays the output, and the trader's balance is checked once for all.
    func swap(_ swap: Swap, _ seq: Int64, _ at: Int64, _ db: HotConnection) throws -> [Posting] {
        guard swap.amount > 0, swap.limit > 0 else { throw Rejection.nonPositiveAmount }
        guard !Account.isPool(swap.account) else { throw Rejection.poolAccount(swap.account) }
        guard let pool = try rawMaterial(swap.asset, db).pool else { throw Rejection.noPool(swap.asset) }
        let buying = swap.side == .buy
        let curve = ConstantProduct(
            reserveIn: buying ? pool.tickets : pool.items, reserveOut: buying ? pool.items : pool.tickets,
            feeBP: try rules.swapFee(swap))
        let trade = try self.trade(swap, on: curve, db)
        let postings = try post(
            [Posting(from: swap.account, to: pool.account, asset: swap.inputAsset, amount: trade.net)]
                + (try feeLegs(from: swap.account, fee: trade.fee, asset: swap.inputAsset, source: "amm"))
                + [Posting(from: pool.account, to: swap.account, asset: swap.outputAsset, amount: trade.out)],
            seq, db, movingPools: true)
        try recordReserves(of: pool.id, seq, at, volume: buying ? trade.gross : trade.out, db)
        return postings
    }

    /// What the curve makes of `swap`, refused with the quoted figure when it breaches the trader's limit.
    private func trade(_ swap: Swap, on curve: ConstantProduct, _ db: HotConnection) throws -> ConstantProduct.Trade {
        switch swap.exact {
        case .input:
            let trade = curve.exactInput(swap.amount)
            guard trade.out >= swap.limit else {
                throw Rejection.slippage(
                    exact: .input, quoted: try figure(trade.out, swap.outputAsset, db) + " " + swap.outputAsset,
                    limit: try figure(swap.limit, swap.outputAsset, db))
            }
            return trade
        case .output:
            guard swap.amount < curve.reserveOut else {
                throw Rejection.poolTooShallow(holds: try figure(curve.reserveOut, swap.outputAsset, db) + " " + swap.outputAsset)
            }
            guard let trade = curve.exactOutput(swap.amount) else { throw Rejection.swapTooLarge }
            guard trade.gross <= swap.limit else {
                throw Rejection.slippage(
                    exact: .output, quoted: try figure(trade.gross, swap.inputAsset, db) + " " + swap.inputAsset,
                    limit: try figure(swap.limit, swap.inputAsset, db))
            }
            return trade
        }
    }

    /// The raw material `code`, and its pool if it has one.
    private func rawMaterial(_ code: String, _ db: HotConnection) throws -> (asset: Int64, pool: Pool?) {
        let found = try db.first(
            """
            SELECT a.id, a.kind, COALESCE(p.id, 0),
              COALESCE((SELECT amount FROM balances WHERE account_id = p.account_id AND asset_id = a.id), 0),
              COALESCE((SELECT amount FROM balances WHERE account_id = p.account_id
                          AND asset_id = (SELECT id FROM assets WHERE code = ?)), 0)
            FROM assets a LEFT JOIN pools p ON p.asset_id = a.id WHERE a.code = ?
            """,
            .text(Asset.ticket.code), .text(code)
        ) { row in
            (asset: row.int(0), kind: row.text(1),
             pool: row.int(2) == 0 ? nil : Pool(id: row.int(2), account: Account.pool(of: code), items: row.int(3), tickets: row.int(4)))
        }
        guard let found else { throw Rejection.unknownAsset(code) }
        guard found.kind == Asset.Kind.raw.rawValue else { throw Rejection.notRawMaterial(code) }
        return (found.asset, found.pool)
    }

    /// Appends the pool's reserves, read back from its balances, to its history.
    private func recordReserves(of pool: Int64, _ seq: Int64, _ at: Int64, volume: Int64, _ db: HotConnection) throws {
        try db.run(
            """
            INSERT INTO pool_history (pool_id, seq, at, reserve_items, reserve_tickets, volume_tickets)
            SELECT p.id, ?, ?, i.amount, t.amount, ? FROM pools p
            JOIN balances i ON i.account_id = p.account_id AND i.asset_id = p.asset_id
            JOIN balances t ON t.account_id = p.account_id AND t.asset_id = (SELECT id FROM assets WHERE code = ?)
            WHERE p.id = ?
            """,
            .int(seq), .int(at), .int(volume), .text(Asset.ticket.code), .int(pool))
    }

    /// An amount with its asset's decimals, as players type it: `5.03` tickets, `3` ore.
    private func figure(_ amount: Int64, _ code: String, _ db: HotConnection) throws -> String {
        Amount.format(amount, scale: try asset(code: code, in: db)?.scale ?? 0)
    }
}
