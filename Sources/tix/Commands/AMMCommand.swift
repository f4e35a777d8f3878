import ArgumentParser
import Engine
import Foundation

struct AMMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amm", abstract: "Constant-product pools of raw materials against tickets.",
        subcommands: [Create.self, Seed.self, Quote.self, SwapCommand.self, Pools.self, PoolHistory.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a pool, its reserves issued from mint: tix amm create ore --items 40000 --tickets 20000")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The raw material.") var asset: String
        @Option(help: "Items in the pool.") var items: String
        @Option(help: "Tickets in the pool, e.g. 20000 or 12.50.") var tickets: String

        func run() async throws {
            try await global.withEngine { engine in
                let command = Command.createPool(
                    asset: asset, items: try engine.reader.parseAmount(items, asset: asset),
                    tickets: try engine.reader.parseAmount(tickets, asset: Asset.ticket.code))
                try await global.submit(command, submit, to: engine)
            }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Define the raw materials of RULES/pools.lua and open their pools; safe to run again.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let seeds = try PoolSeed.read(directory: URL(fileURLWithPath: global.rules, isDirectory: true))
            let (applied, pools, scales) = try await global.withEngine { engine in
                (try await engine.seedPools(seeds), try engine.reader.pools(), try engine.scales())
            }
            Output.emit(pools, json: global.json) {
                (["\(applied.count) command(s) applied"] + pools.map { describe($0, scales) }).joined(separator: "\n")
            }
        }
    }

    struct Quote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a swap would pay and receive now, changing nothing: tix amm quote alice buy ore 10 --exact-out")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var trade: SwapArguments

        func run() async throws {
            let (swap, quote, scales) = try await global.withEngine { engine in
                let swap = try trade.swap(engine.reader)
                return (swap, try await engine.quote(swap), try engine.scales())
            }
            let figure = { (amount: Int64, asset: String) in "\(Amount.format(amount, scale: scales[asset] ?? 0)) \(asset)" }
            Output.emit(quote, json: global.json) {
                "\(swap.account) would pay \(figure(quote.pays, swap.inputAsset)) (fee \(figure(quote.fee, swap.inputAsset)))"
                    + " and receive \(figure(quote.receives, swap.outputAsset))."
            }
        }
    }

    struct SwapCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "swap",
            abstract: "Trade with a pool: tix amm swap alice buy ore 10 --max-in 7.50, tix amm swap alice sell ore 5 --min-out 2")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @OptionGroup var trade: SwapArguments

        func validate() throws {
            guard trade.limit != nil else {
                throw ValidationError(
                    "Every swap has a slippage guard: add --min-out, or --max-in for an exact output (tix amm quote shows the figure).")
            }
        }

        func run() async throws {
            try await global.withEngine { engine in
                try await global.submit(.swap(try trade.swap(engine.reader)), submit, to: engine)
            }
        }
    }

    struct Pools: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every pool with its reserves and spot price.")
        @OptionGroup var global: ReadOptions

        func run() async throws {
            let (pools, scales) = try await global.withEngine { (try $0.reader.pools(), try $0.scales()) }
            Output.emit(pools, json: global.json) {
                pools.isEmpty ? "There are no pools yet: tix amm seed" : pools.map { describe($0, scales) }.joined(separator: "\n")
            }
        }
    }

    struct PoolHistory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "A pool's reserves, price and volume after each change, newest first.")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The raw material.") var asset: String
        @Option(help: "How many points.") var limit = 20

        func run() async throws {
            let (points, scales) = try await global.withEngine { (try $0.reader.poolHistory(of: asset, limit: limit), try $0.scales()) }
            Output.emit(points, json: global.json) {
                points.map {
                    "#\($0.seq)\t\(Date(timeIntervalSince1970: Double($0.at) / 1000).formatted(.iso8601))\t"
                        + "\(Amount.format($0.reserveItems, scale: scales[asset] ?? 0)) \(asset)\t"
                        + "\(Amount.format($0.reserveTickets, scale: Asset.ticket.scale)) TIX\t"
                        + "\($0.spotPrice) TIX each\tvolume \(Amount.format($0.volumeTickets, scale: Asset.ticket.scale)) TIX"
                }.joined(separator: "\n")
            }
        }
    }

    static func describe(_ pool: PoolState, _ scales: [String: Int]) -> String {
        "\(pool.asset)\t\(Amount.format(pool.reserveItems, scale: scales[pool.asset] ?? 0)) \(pool.asset)\t"
            + "\(Amount.format(pool.reserveTickets, scale: Asset.ticket.scale)) TIX\t\(pool.spotPrice) TIX each"
    }
}

/// A swap as typed: `alice buy ore 10 --max-in 7.50`. AMOUNT is what the trader gives, or with
/// `--exact-out` (implied by `--max-in`) what they receive; each figure is read in its asset's decimals.
struct SwapArguments: ParsableArguments {
    @Argument(help: "The trader's account.") var account: String
    @Argument(help: "buy (pay tickets for the item) or sell (pay the item for tickets).") var side: TradeSide
    @Argument(help: "The pool's raw material, e.g. ore.") var asset: String
    @Argument(help: "What you give, or with --exact-out what you receive, e.g. 10 or 7.50.") var amount: String
    @Flag(help: "AMOUNT is what you receive.") var exactOut = false
    @Option(help: "Refuse the swap if it pays out less than this.") var minOut: String?
    @Option(help: "Refuse the swap if it costs more than this, fee included (implies --exact-out).") var maxIn: String?

    var exact: Swap.Exact { exactOut || maxIn != nil ? .output : .input }
    /// The slippage guard as typed.
    var limit: String? { exact == .input ? minOut : maxIn }

    func validate() throws {
        guard exact == .input || minOut == nil else {
            throw ValidationError("--min-out bounds what you receive, which --exact-out fixes: use --max-in.")
        }
    }

    /// The swap with its amounts in minor units. Only a quote comes without a limit (`tix amm swap`
    /// requires one): it then lets any price through.
    func swap(_ reader: LedgerReader) throws -> Swap {
        var swap = Swap(account: account, asset: asset, side: side, exact: exact, amount: 0, limit: 0)
        swap.amount = try reader.parseAmount(amount, asset: swap.amountAsset)
        swap.limit = try limit.map { try reader.parseAmount($0, asset: swap.limitAsset) } ?? (exact == .input ? 1 : .max)
        return swap
    }
}

extension Engine {
    /// Decimals of every asset by code, to print amounts.
    func scales() throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try reader.assets().map { ($0.code, $0.scale) })
    }
}

extension TradeSide: ExpressibleByArgument {}
