/// The P2P market's commands on the ledger: place (escrow, then match), cancel, expire.
extension Ledger {
    /// Escrows what the order offers, trades it against the book, and rests the remainder.
    /// Returns the new order's id and every posting (escrow, fills, fees, price-improvement refunds).
    func place(
        _ order: Order, seq: Int64, at: Int64, format: JournalFormat, in db: HotConnection
    ) throws -> (id: Int64, postings: [Posting]) {
        guard order.quantity > 0, order.price > 0 else { throw Rejection.nonPositiveAmount }
        guard let asset = try asset(code: order.asset, in: db) ?? craftable(order.asset, db) else {
            throw Rejection.unknownAsset(order.asset)
        }
        guard order.asset != Asset.ticket.code else { throw Rejection.notTradable(order.asset) }
        guard let account = try account(named: order.account, in: db) else { throw Rejection.unknownAccount(order.account) }
        if let expiry = order.expiresAt, expiry <= at { throw Rejection.expiryInPast }
        let (total, overflow) = order.quantity.multipliedReportingOverflow(by: order.price)
        guard !overflow else { throw Rejection.orderTooLarge }
        let store = OrderStore(db: db)
        if try store.crossesOwn(order.side.opposite, accountID: account.id, assetID: asset.id, limit: order.price, at: at) {
            throw Rejection.selfTrade
        }

        var postings = try post(
            [order.side == .buy
                ? Posting(from: order.account, to: Account.escrow, asset: Asset.ticket.code, amount: total)
                : Posting(from: order.account, to: Account.escrow, asset: order.asset, amount: order.quantity)],
            seq, db)
        let id = try store.insert(order, accountID: account.id, assetID: asset.id, seq: seq, at: at)
        if let expiry = order.expiresAt {
            _ = try JobQueue(db: db).schedule(.expireOrder(id), dueAt: expiry, seq: seq, format: format, owner: account.id)
        }
        var remaining = order.quantity
        while remaining > 0,
            let maker = try store.best(order.side.opposite, assetID: asset.id, crossing: order.price, at: at)
        {
            let quantity = min(remaining, maker.remaining)
            let taker = OrderStore.Resting(
                id: id, accountID: account.id, account: order.account, side: order.side, price: order.price, remaining: remaining)
            postings += try fill(taker: taker, maker: maker, quantity: quantity, asset: order.asset, seq: seq, store, db)
            remaining -= quantity
            try store.setRemaining(maker.id, maker.remaining - quantity)
        }
        try store.setRemaining(id, remaining)
        return (id, postings)
    }

    /// One trade at the maker's price: items to the buyer, tickets less the market fee to the seller,
    /// the fee split by `sinks.lua`, and a buyer who bid more than the maker asked gets the difference back.
    private func fill(
        taker: OrderStore.Resting, maker: OrderStore.Resting, quantity: Int64, asset: String, seq: Int64,
        _ store: OrderStore, _ db: HotConnection
    ) throws -> [Posting] {
        let (buy, sell) = taker.side == .buy ? (taker, maker) : (maker, taker)
        let total = quantity * maker.price  // within the buyer's escrowed quantity × price
        let fee = try rules.marketFee(asset: asset, quantity: quantity, price: maker.price, total: total)
        let refund = buy.price > maker.price ? quantity * (buy.price - maker.price) : 0
        try store.recordFill(seq: seq, buy: buy.id, sell: sell.id, quantity: quantity, price: maker.price, fee: fee)
        let tax = try taxLegs(
            .fill, payer: sell.account, paidFrom: Account.escrow, amount: total - fee, asset: Asset.ticket.code, to: buy.account,
            limit: total - fee, db)
        let legs = tax + [
            Posting(from: Account.escrow, to: buy.account, asset: asset, amount: quantity),
            Posting(from: Account.escrow, to: sell.account, asset: Asset.ticket.code, amount: total - fee - (tax.first?.amount ?? 0)),
            Posting(from: Account.escrow, to: buy.account, asset: Asset.ticket.code, amount: refund),
        ].filter { $0.amount > 0 }
        return try post(legs + (try feeLegs(from: Account.escrow, fee: fee, asset: Asset.ticket.code, source: "market")), seq, db)
    }

    /// Takes an open order off the book and returns what is left in escrow to its owner.
    func cancel(_ id: Int64, by account: String, seq: Int64, in db: HotConnection) throws -> [Posting] {
        let store = OrderStore(db: db)
        guard let found = try store.open(id) else { throw Rejection.unknownOrder(id) }
        guard found.resting.account == account else { throw Rejection.notYourOrder(id) }
        guard found.state == .open else { throw Rejection.orderClosed(id, found.state.rawValue) }
        return try close(found.resting, asset: found.asset, as: .cancelled, seq: seq, store, db)
    }

    /// An order's expiry job: if the order is still open, it leaves the book and its escrow returns.
    func expire(_ id: Int64, seq: Int64, in db: HotConnection) throws -> [Posting] {
        let store = OrderStore(db: db)
        guard let found = try store.open(id), found.state == .open else { return [] }
        return try close(found.resting, asset: found.asset, as: .expired, seq: seq, store, db)
    }

    private func close(
        _ order: OrderStore.Resting, asset: String, as state: BookOrder.State, seq: Int64, _ store: OrderStore,
        _ db: HotConnection
    ) throws -> [Posting] {
        try store.close(order.id, as: state)
        return try post(
            [order.side == .buy
                ? Posting(from: Account.escrow, to: order.account, asset: Asset.ticket.code, amount: order.remaining * order.price)
                : Posting(from: Account.escrow, to: order.account, asset: asset, amount: order.remaining)],
            seq, db)
    }
}
