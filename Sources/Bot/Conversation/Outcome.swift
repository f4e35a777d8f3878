import Engine

/// Receipts in players' words: what a command will do (before Confirm) and what it did.
enum Outcome {
    /// The question a confirmation asks, from the engine's preview of the command.
    static func question(_ command: Command, _ preview: Receipt, _ request: Request) -> String {
        switch command {
        case .transfer(let from, let to, let asset, let amount, let memo):
            let fees = fees(in: preview, paidBy: from)
            guard asset == Asset.ticket.code else {
                let fee = fees.burned + fees.kept
                return Texts.giveQuestion(
                    request.format(amount, asset), to: request.name(to), fee: fee > 0 ? request.format(fee, asset) : nil,
                    burned: fees.burned > 0)
            }
            return Texts.payQuestion(
                amount: request.format(amount, asset), to: request.name(to), fee: request.format(fees.burned + fees.kept, asset),
                burned: fees.burned > 0, total: request.format(amount + fees.burned + fees.kept, asset), memo: memo)
        case .placeOrder(let order):
            return Texts.orderQuestion(
                order.side, quantity: request.format(order.quantity, order.asset),
                price: request.format(order.price, Asset.ticket.code),
                fillsNow: request.format(filled(order, preview), order.asset))
                + Texts.marketFee(order.side, request.format(marketFee(in: preview), Asset.ticket.code))
        case .swap(let swap):
            let figures = figures(of: swap, preview, request)
            return Texts.swapQuestion(
                swap.side, items: figures.items, tickets: figures.tickets, fee: figures.fee,
                limit: request.format(swap.limit, swap.limitAsset))
        case .buildFactory(let account, let name):
            return Texts.buildQuestion(name, cost: request.format(cost(in: preview, paidBy: account), Asset.ticket.code))
        case .fitComponent(let account, let factory, let component):
            return Texts.fitQuestion(
                component, factory: factory, cost: request.format(cost(in: preview, paidBy: account), Asset.ticket.code))
        case .api(.grantAllowance(_, let org, let daily)):
            return Texts.Game.allowQuestion(request.name(org), daily: request.format(daily, Asset.ticket.code))
        default:
            return Texts.confirmQuestion
        }
    }

    /// What an applied command did.
    static func describe(_ command: Command, _ receipt: Receipt, _ request: Request) -> String {
        switch command {
        case .transfer(let from, let to, let asset, let amount, _):
            let fees = fees(in: receipt, paidBy: from)
            guard asset == Asset.ticket.code else {
                let fee = fees.burned + fees.kept
                return Texts.gave(
                    request.format(amount, asset), to: request.name(to), fee: fee > 0 ? request.format(fee, asset) : nil,
                    left: request.format(balance(of: from, request, asset: asset), asset), entry: receipt.seq)
            }
            return Texts.paid(
                amount: request.format(amount, asset), to: request.name(to), fee: request.format(fees.burned + fees.kept, asset),
                balance: request.format(balance(of: from, request, asset: asset), asset), entry: receipt.seq)
        case .placeOrder(let order):
            let filled = filled(order, receipt)
            let placed = Texts.placed(
                id: receipt.createdID ?? 0, order.side, quantity: request.format(order.quantity, order.asset),
                price: request.format(order.price, Asset.ticket.code), filled: request.format(filled, order.asset),
                resting: request.format(order.quantity - filled, order.asset))
            guard filled > 0 else { return placed }
            return placed + "\n" + traded(order, filled: filled, receipt, request)
        case .cancelOrder(_, let id):
            return Texts.orderCancelled(id, returned: receipt.postings.map { request.format($0.amount, $0.asset) })
        case .swap(let swap):
            let figures = figures(of: swap, receipt, request)
            return Texts.swapped(
                swap.side, items: figures.items, tickets: figures.tickets, fee: figures.fee,
                balance: request.format(balance(of: swap.account, request), Asset.ticket.code))
        case .buildFactory(let account, let name):
            return Texts.built(
                receipt.createdID ?? 0, name, cost: request.format(cost(in: receipt, paidBy: account), Asset.ticket.code),
                balance: request.format(balance(of: account, request), Asset.ticket.code))
        case .fitComponent(let account, let factory, let component):
            return Texts.fitted(
                component, factory: factory, cost: request.format(cost(in: receipt, paidBy: account), Asset.ticket.code))
        case .api(.grantAllowance(_, let org, let daily)):
            return Texts.Game.allowed(request.name(org), daily: request.format(daily, Asset.ticket.code))
        case .startCraft(let account, _, _, _):
            // The job holds the craft as it started: outputs (not a variable yield's) and the factory's speed.
            guard let job = (try? request.reader.jobs(of: account))?.first(where: { $0.id == receipt.createdID }),
                case .craft(let craft) = job.job
            else { return Texts.done(entry: receipt.seq) }
            return Texts.craftStarted(
                job.id, outputs: Texts.outputs(of: craft, request.format), factory: craft.factory,
                due: job.dueAt, repeats: craft.repeats)
        case .cancelCraft(_, let id):
            let (fee, returned) = (receipt.postings.filter { $0.to == Account.sink }, receipt.postings.filter { $0.to != Account.sink })
            return Texts.craftCancelled(
                id, returned: returned.map { request.format($0.amount, $0.asset) }, fee: fee.map { request.format($0.amount, $0.asset) })
        default:
            return Texts.done(entry: receipt.seq)
        }
    }

    /// What a fill cost or fetched, from the escrow's legs: a buyer pays the sellers and the fee, and gets
    /// back what they escrowed above the sellers' prices; a seller gets the price less the fee.
    private static func traded(_ order: Order, filled: Int64, _ receipt: Receipt, _ request: Request) -> String {
        let tickets = receipt.postings.filter { $0.from == Account.escrow && $0.asset == Asset.ticket.code }
        let mine = tickets.filter { $0.to == order.account }.reduce(0) { $0 + $1.amount }
        let fee = marketFee(in: receipt)
        let items = request.format(filled, order.asset)
        let money = { (amount: Int64) in request.format(amount, Asset.ticket.code) }
        switch order.side {
        case .buy:
            let paid = tickets.filter { $0.to != order.account }.reduce(0) { $0 + $1.amount }
            return Texts.boughtNow(items, paid: money(paid), back: mine > 0 ? money(mine) : nil)
        case .sell:
            return Texts.soldNow(items, got: money(mine), fee: money(fee))
        }
    }

    /// The market fee a preview or receipt takes: the escrow's legs to the sink and the treasury.
    private static func marketFee(in receipt: Receipt) -> Int64 {
        receipt.postings.filter { $0.from == Account.escrow && [Account.sink, Account.treasury].contains($0.to) }
            .reduce(0) { $0 + $1.amount }
    }

    /// A transfer's fee as its legs to the sink (burned) and to the treasury (kept).
    private static func fees(in receipt: Receipt, paidBy payer: String) -> (burned: Int64, kept: Int64) {
        let legs = receipt.postings.filter { $0.from == payer }
        return (
            legs.filter { $0.to == Account.sink }.reduce(0) { $0 + $1.amount },
            legs.filter { $0.to == Account.treasury }.reduce(0) { $0 + $1.amount })
    }

    /// What a factory's build or fitting costs: its fee legs.
    private static func cost(in receipt: Receipt, paidBy payer: String) -> Int64 {
        let fees = fees(in: receipt, paidBy: payer)
        return fees.burned + fees.kept
    }

    /// A swap's items, tickets and fee as players read them, from the engine's reading of its receipt.
    static func figures(of swap: Swap, _ receipt: Receipt, _ request: Request) -> (items: String, tickets: String, fee: String) {
        let quote = SwapQuote(swap, receipt: receipt)
        let (items, tickets) = swap.side == .buy ? (quote.receives, quote.pays) : (quote.pays, quote.receives)
        return (request.format(items, swap.asset), request.format(tickets, Asset.ticket.code), request.format(quote.fee, swap.inputAsset))
    }

    /// A balance after the fact, for the answer only: a failed read shows 0 rather than failing an applied command.
    private static func balance(of account: String, _ request: Request, asset: String = Asset.ticket.code) -> Int64 {
        (try? request.reader.balance(of: account, asset: asset)) ?? 0
    }

    /// Units of the order's item that traded at once: every fill moves the item out of escrow.
    private static func filled(_ order: Order, _ receipt: Receipt) -> Int64 {
        receipt.postings.filter { $0.from == Account.escrow && $0.asset == order.asset }.reduce(0) { $0 + $1.amount }
    }
}
