import Engine

/// Receipts in players' words: what a command will do (before Confirm) and what it did.
enum Outcome {
    /// The question a confirmation asks, from the engine's preview of the command.
    static func question(_ command: Command, _ preview: Receipt, _ request: Request) -> String {
        switch command {
        case .transfer(let from, let to, let asset, let amount, let memo):
            let fees = fees(in: preview, paidBy: from)
            return Texts.payQuestion(
                amount: request.format(amount, asset), to: to, fee: request.format(fees.burned + fees.kept, asset),
                burned: fees.burned > 0, total: request.format(amount + fees.burned + fees.kept, asset), memo: memo)
        case .placeOrder(let order):
            return Texts.orderQuestion(
                order.side, quantity: request.format(order.quantity, order.asset),
                price: request.format(order.price, Asset.ticket.code),
                fillsNow: request.format(filled(order, preview), order.asset))
        default:
            return Texts.confirmQuestion
        }
    }

    /// What an applied command did.
    static func describe(_ command: Command, _ receipt: Receipt, _ request: Request) -> String {
        switch command {
        case .transfer(let from, let to, let asset, let amount, _):
            let fees = fees(in: receipt, paidBy: from)
            let balance = (try? request.reader.balance(of: from, asset: asset)) ?? 0
            return Texts.paid(
                amount: request.format(amount, asset), to: to, fee: request.format(fees.burned + fees.kept, asset),
                balance: request.format(balance, asset), entry: receipt.seq)
        case .placeOrder(let order):
            let filled = filled(order, receipt)
            return Texts.placed(
                id: receipt.createdID ?? 0, order.side, quantity: request.format(order.quantity, order.asset),
                price: request.format(order.price, Asset.ticket.code), filled: request.format(filled, order.asset),
                resting: request.format(order.quantity - filled, order.asset))
        case .cancelOrder(_, let id):
            return Texts.orderCancelled(id, returned: receipt.postings.map { request.format($0.amount, $0.asset) })
        default:
            return Texts.done(entry: receipt.seq)
        }
    }

    /// A transfer's fee as its legs to the sink (burned) and to the treasury (kept).
    private static func fees(in receipt: Receipt, paidBy payer: String) -> (burned: Int64, kept: Int64) {
        let legs = receipt.postings.filter { $0.from == payer }
        return (
            legs.filter { $0.to == Account.sink }.reduce(0) { $0 + $1.amount },
            legs.filter { $0.to == Account.treasury }.reduce(0) { $0 + $1.amount })
    }

    /// Units of the order's item that traded at once: every fill moves the item out of escrow.
    private static func filled(_ order: Order, _ receipt: Receipt) -> Int64 {
        receipt.postings.filter { $0.from == Account.escrow && $0.asset == order.asset }.reduce(0) { $0 + $1.amount }
    }
}
