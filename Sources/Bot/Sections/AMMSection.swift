import Engine

/// Raw materials from the AMM's pools: their prices, a quote, and trades. Typed with its slippage guard
/// (`/buy_raw ore 10 max 5.10`) a trade applies at once; typed without one, or chosen by buttons, it
/// is quoted with a guard a few percent past the quote and applies once the player confirms.
struct AMMSection: Section {
    /// Whole items the buttons offer, as a player would type them.
    static let presets = ["1", "10", "100"]
    /// How far past the quote a confirmed trade may go: the price may move between question and Confirm.
    static let slippagePercent: Int64 = 3

    var commands: [CommandRoute] {
        [
            CommandRoute(name: "prices", arguments: "", summary: Texts.Summary.prices, run: prices),
            CommandRoute(name: "quote", arguments: Texts.Usage.quote, summary: Texts.Summary.quote, run: quote),
            CommandRoute(name: Self.typed(.buy).name, arguments: Self.typed(.buy).usage, summary: Texts.Summary.buyRaw) {
                try await trade(.buy, $0)
            },
            CommandRoute(name: Self.typed(.sell).name, arguments: Self.typed(.sell).usage, summary: Texts.Summary.sellRaw) {
                try await trade(.sell, $0)
            },
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "amm", run: prices),
            ButtonRoute(action: "raw", run: material),
            ButtonRoute(action: "rb") { try await trade(.buy, $0) },
            ButtonRoute(action: "rs") { try await trade(.sell, $0) },
        ]
    }

    var menu: [Button] { [Button(Texts.Label.materials, "amm")] }

    private static let back = [Button(Texts.Label.materials, "amm"), Texts.menuButton]

    /// How a trade is typed: `/buy_raw ore 10 max 5.10`, `/sell_raw ore 5 min 1.90`.
    private static func typed(_ side: TradeSide) -> (name: String, usage: String, guardWord: String) {
        side == .buy ? ("buy_raw", Texts.Usage.buyRaw, "max") : ("sell_raw", Texts.Usage.sellRaw, "min")
    }

    /// Each pool's spot price in tickets per item, each material a button.
    private func prices(_ request: Request) async throws -> Answer {
        let pools = try request.reader.pools()
        let lines = pools.map { Texts.poolLine($0.asset, price: $0.spotPrice, holds: request.format($0.reserveItems, $0.asset)) }
        return Answer(
            text: Texts.prices(lines), buttons: pools.map { Button($0.asset, "raw", $0.asset) }.rows(3) + [[Texts.menuButton]],
            replacesPressed: true)
    }

    /// One material: its price, what the player holds, and amounts to buy or (as far as they hold) sell.
    private func material(_ request: Request) async throws -> Answer {
        let asset = try request.argument(0, of: "quote", usage: Texts.Usage.quote)
        guard let pool = try request.reader.pool(of: asset) else { throw Rejection.noPool(asset) }
        let held = try request.reader.balance(of: try request.account, asset: asset)
        let amounts = try Self.presets.map { try request.parse($0, asset) }
        let buys = amounts.map { Self.tradeButton(.buy, asset, $0, request) }
        let sells = amounts.filter { $0 <= held }.map { Self.tradeButton(.sell, asset, $0, request) }
        return Answer(
            text: Texts.material(asset, price: pool.spotPrice, held: request.format(held, asset)),
            buttons: [buys, sells, Self.back].filter { !$0.isEmpty }, replacesPressed: true)
    }

    /// `/quote buy ore 10`: the engine's figures, and the command that trades them with a guard.
    private func quote(_ request: Request) async throws -> Answer {
        let usage = Texts.Usage.quote
        let sideWord = try request.argument(0, of: "quote", usage: usage)
        guard let side = TradeSide(rawValue: sideWord.lowercased()) else { throw Problem.usage(command: "quote", arguments: usage) }
        let asset = try request.argument(1, of: "quote", usage: usage)
        let amount = try request.parse(try request.argument(2, of: "quote", usage: usage), asset)
        let (swap, preview) = try await guarded(side, asset, amount, request)
        let figures = Outcome.figures(of: swap, preview, request)
        let (name, _, guardWord) = Self.typed(side)
        let figure = request.services.assets.figure
        let command = "/\(name) \(asset) \(figure(amount, asset)) \(guardWord) \(figure(swap.limit, Asset.ticket.code))"
        return Answer(
            text: Texts.quote(side, items: figures.items, tickets: figures.tickets, fee: figures.fee, command: command),
            buttons: [[Self.tradeButton(side, asset, amount, request)], Self.back])
    }

    /// "Buy 10 ore": it carries the typed command's words, so pressing it is `/buy_raw ore 10` without a
    /// guard. The amount as the bot writes it keeps the data short, however the player typed it.
    private static func tradeButton(_ side: TradeSide, _ asset: String, _ amount: Int64, _ request: Request) -> Button {
        let (items, figure) = (request.format(amount, asset), request.services.assets.figure(amount, asset))
        return side == .buy ? Button(Texts.Label.buyRaw(items), "rb", asset, figure) : Button(Texts.Label.sellRaw(items), "rs", asset, figure)
    }

    /// `/buy_raw ore 10 max 5.10` or `/sell_raw ore 5 min 1.90` applies at once; without its guard (and
    /// from the buttons, which carry the same words) the trade is quoted and confirmed first.
    private func trade(_ side: TradeSide, _ request: Request) async throws -> Answer {
        let (name, usage, guardWord) = Self.typed(side)
        let asset = try request.argument(0, of: name, usage: usage)
        let amount = try request.parse(try request.argument(1, of: name, usage: usage), asset)
        guard request.arguments.count > 2 else {
            let (swap, preview) = try await guarded(side, asset, amount, request)
            return try Confirmation.question(.swap(swap), previewed: preview, request)
        }
        guard request.arguments.count == 4, request.arguments[2].lowercased() == guardWord else {
            throw Problem.usage(command: name, arguments: usage)
        }
        let limit = try request.parse(request.arguments[3], Asset.ticket.code)
        let command = Command.swap(try Self.swap(side, asset, amount, limit: limit, request))
        let receipt = try await request.submit(command)
        return Answer(text: Outcome.describe(command, receipt, request), buttons: [Self.back])
    }

    /// The trade guarded `slippagePercent` past the engine's quote, and the preview the quote comes from.
    private func guarded(_ side: TradeSide, _ asset: String, _ amount: Int64, _ request: Request) async throws -> (Swap, Receipt) {
        var swap = try Self.swap(side, asset, amount, limit: side == .buy ? .max : 1, request)
        let preview = try await request.preview(.swap(swap))
        let quote = SwapQuote(swap, receipt: preview)
        swap.limit = switch side {
        case .buy: Int64(clamping: (Int128(quote.pays) * Int128(100 + Self.slippagePercent) + 99) / 100)
        case .sell: max(1, Int64(Int128(quote.receives) * Int128(100 - Self.slippagePercent) / 100))
        }
        return (swap, preview)
    }

    /// A buy fixes the items received and bounds the tickets paid; a sell fixes the items given and
    /// bounds the tickets received.
    private static func swap(_ side: TradeSide, _ asset: String, _ amount: Int64, limit: Int64, _ request: Request) throws -> Swap {
        Swap(account: try request.account, asset: asset, side: side, exact: side == .buy ? .output : .input, amount: amount, limit: limit)
    }
}
