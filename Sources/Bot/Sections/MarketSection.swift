import Engine

/// The P2P market: the book of each item, orders typed with their numbers (`/buy sword 2 15`), or one
/// item at the best price by buttons (confirmed first), and the player's own orders.
struct MarketSection: Section {
    /// Price levels shown per side of a book.
    static let depth = 5

    var commands: [CommandRoute] {
        [
            CommandRoute(name: "market", arguments: "", summary: Texts.Summary.market, run: items),
            CommandRoute(name: "book", arguments: Texts.Usage.book, summary: Texts.Summary.book) {
                try book(try $0.argument(0, of: "book", usage: Texts.Usage.book), $0)
            },
            CommandRoute(name: "buy", arguments: Texts.Usage.order, summary: Texts.Summary.buy) { try await place(.buy, $0) },
            CommandRoute(name: "sell", arguments: Texts.Usage.order, summary: Texts.Summary.sell) { try await place(.sell, $0) },
            CommandRoute(name: "orders", arguments: "", summary: Texts.Summary.orders, run: orders),
            CommandRoute(name: "cancel", arguments: Texts.Usage.cancel, summary: Texts.Summary.cancel, run: cancel),
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "mkt", run: items),
            ButtonRoute(action: "bk") { try book(try $0.argument(0, of: "book", usage: Texts.Usage.book), $0) },
            ButtonRoute(action: "mb") { try await takeBest(.buy, $0) },
            ButtonRoute(action: "ms") { try await takeBest(.sell, $0) },
            ButtonRoute(action: "ord", run: orders),
            ButtonRoute(action: "cx", run: cancel),
        ]
    }

    var menu: [Button] { [Button(Texts.Label.market, "mkt")] }

    /// Every tradable item with its best prices, each a button to its book.
    private func items(_ request: Request) async throws -> Answer {
        let now = request.services.clock.now()
        let assets = try request.reader.assets().filter { $0.code != Asset.ticket.code }
        let lines = try assets.map { asset in
            let book = try request.reader.book(of: asset.code, at: now)
            return Texts.itemLine(
                asset.code, ask: book.sells.first.map { request.format($0.price, Asset.ticket.code) },
                bid: book.buys.first.map { request.format($0.price, Asset.ticket.code) })
        }
        let buttons = assets.map { Button($0.code, "bk", $0.code) }.rows(3)
        return Answer(
            text: Texts.market(lines), buttons: buttons + [[Button(Texts.Label.myOrders, "ord"), Texts.menuButton]],
            replacesPressed: true)
    }

    private func book(_ item: String, _ request: Request) throws -> Answer {
        let book = try request.reader.book(of: item, at: request.services.clock.now())
        let level = { (order: BookOrder) in
            Texts.level(request.format(order.remaining, item), at: request.format(order.price, Asset.ticket.code), by: request.name(order.account))
        }
        var actions: [Button] = []
        if let ask = book.sells.first { actions.append(Button(Texts.Label.buyOne(request.format(ask.price, Asset.ticket.code)), "mb", item)) }
        if let bid = book.buys.first { actions.append(Button(Texts.Label.sellOne(request.format(bid.price, Asset.ticket.code)), "ms", item)) }
        return Answer(
            text: Texts.book(item, sells: book.sells.prefix(Self.depth).map(level), buys: book.buys.prefix(Self.depth).map(level)),
            buttons: [actions, [Button(Texts.Label.market, "mkt"), Texts.menuButton]].filter { !$0.isEmpty },
            replacesPressed: true)
    }

    /// `/buy ITEM QUANTITY PRICE`: placed at once; the answer says what filled.
    private func place(_ side: TradeSide, _ request: Request) async throws -> Answer {
        let usage = Texts.Usage.order
        let name = side.rawValue
        let item = try request.argument(0, of: name, usage: usage)
        let quantity = try request.parse(try request.argument(1, of: name, usage: usage), item)
        let price = try request.parse(try request.argument(2, of: name, usage: usage), Asset.ticket.code)
        let command = Command.placeOrder(
            Order(account: try request.account, side: side, asset: item, quantity: quantity, price: price))
        let receipt = try await request.submit(command)
        return Answer(
            text: Outcome.describe(command, receipt, request), buttons: [[Button(Texts.Label.myOrders, "ord"), Texts.menuButton]],
            notices: try request.notices(for: receipt))
    }

    /// One unit at the best price on the other side, after the player confirms.
    private func takeBest(_ side: TradeSide, _ request: Request) async throws -> Answer {
        let item = try request.argument(0, of: "book", usage: Texts.Usage.book)
        let book = try request.reader.book(of: item, at: request.services.clock.now())
        guard let best = side == .buy ? book.sells.first : book.buys.first else { throw Problem.emptyBook(item) }
        let command = Command.placeOrder(
            Order(account: try request.account, side: side, asset: item, quantity: 1, price: best.price))
        return try await Confirmation.question(command, request)
    }

    /// The player's open orders, each with a button that cancels it.
    private func orders(_ request: Request) async throws -> Answer {
        let orders = try request.reader.orders(of: try request.account)
        let lines = orders.map { order in
            Texts.openOrder(
                order.id, order.side, remaining: request.format(order.remaining, order.asset),
                price: request.format(order.price, Asset.ticket.code))
        }
        let cancels = orders.prefix(8).map { Button(Texts.Label.cancelOrder($0.id), "cx", String($0.id)) }
        return Answer(
            text: Texts.orders(lines), buttons: cancels.rows() + [[Button(Texts.Label.market, "mkt"), Texts.menuButton]],
            replacesPressed: true)
    }

    /// `/cancel ID`, or its button: the order leaves the book and its escrow comes back.
    private func cancel(_ request: Request) async throws -> Answer {
        let id = try request.id(0, of: "cancel", usage: Texts.Usage.cancel)
        let command = Command.cancelOrder(account: try request.account, order: id)
        let receipt = try await request.submit(command)
        return Answer(
            text: Outcome.describe(command, receipt, request), buttons: [[Button(Texts.Label.myOrders, "ord"), Texts.menuButton]],
            replacesPressed: true)
    }
}
