import Engine
import Foundation

/// `tix-dev bench market`: the markets' commands per second through the engine, against the engine's plain
/// transfer rate measured in the same run (same players, submitters, batches and rules).
///
/// Swaps alternate buying and selling ore at the AMM, each paying the pool's fee. Orders come in pairs,
/// a sell and the buy that fills it, so half the placements also match, move escrow and charge the
/// market fee.
public struct MarketBenchmark: Sendable {
    public struct Figures: Sendable {
        public var transfersPerSecond: Double
        public var swapsPerSecond: Double
        /// Placements, half of them filling a resting order.
        public var ordersPerSecond: Double
    }

    public var commands = 50_000
    public var submitters = 4
    public var batchSize = 1000
    public var players = 1000
    public var rounds = 3
    public var directory: URL
    public var rules: URL?
    /// Bids resting at the pairs' price before anything is measured. With some, each pair is a buy, then
    /// a sell that fills the oldest bid at that price: every sell matches against a book this deep.
    public var restingBids = 0

    public init(directory: URL) { self.directory = directory }

    public func run() async throws -> Figures {
        var transfers: [Double] = []
        var swaps: [Double] = []
        var orders: [Double] = []
        for _ in 0..<rounds {
            transfers.append(try await rate(LedgerBenchmark.transfers(commands, among: players)))
            swaps.append(try await rate(swapsBothWays()))
            orders.append(try await rate(orderPairs()))
        }
        return Figures(transfersPerSecond: transfers.median, swapsPerSecond: swaps.median, ordersPerSecond: orders.median)
    }

    private func rate(_ submissions: [Submission]) async throws -> Double {
        let setup = LedgerBenchmark.players(players)
            + [Submission(actor: Submission.admin, key: "sword", command: .defineAsset(Asset(code: "sword", kind: .product, scale: 0)))]
            + [Submission(actor: Submission.admin, key: "ore", command: .defineAsset(Asset(code: "ore", kind: .raw, scale: 0))),
               Submission(actor: Submission.admin, key: "pool", command: .createPool(asset: "ore", items: 1_000_000_000, tickets: 1_000_000_000))]
            + (0..<players).flatMap { n in
                ["sword", "ore"].map {
                    Submission(actor: Submission.admin, key: "arm\(n)\($0)", command: .mint(to: "p\(n)", asset: $0, amount: 1_000_000))
                }
            }
            // From the players who buy in the pairs: a seller never meets a bid of their own.
            + (0..<restingBids).map { n in
                let account = "p\((2 * n + 1) % players)"
                return Submission(actor: account, key: "rest\(n)", command: .placeOrder(Order(account: account, side: .buy, asset: "sword", quantity: 1, price: 10_000)))
            }
        let engine = try await BatchedLoad.scratchEngine(in: directory, rules: rules, setup: setup)
        defer { engine.close() }
        return try await BatchedLoad(submitters: submitters, batchSize: batchSize).rate(submissions, on: engine)
    }

    /// Buys of 100 tickets' worth of ore, then sales of 100 ore, by turns, each with a loose limit.
    private func swapsBothWays() -> [Submission] {
        (0..<commands).map { n in
            let account = "p\(n % players)"
            let swap = n % 2 == 0
                ? Swap(account: account, asset: "ore", side: .buy, exact: .input, amount: 10_000, limit: 1)
                : Swap(account: account, asset: "ore", side: .sell, exact: .input, amount: 100, limit: 1)
            return Submission(actor: account, key: "s\(n)", command: .swap(swap))
        }
    }

    /// A sell of one sword, then a buy at the same price from another player, which fills it; with
    /// resting bids, the buy first and then the sell.
    private func orderPairs() -> [Submission] {
        (0..<commands).map { n in
            let side: TradeSide = (n % 2 == 0) == (restingBids == 0) ? .sell : .buy
            let account = "p\((n / 2 * 2 + (side == .sell ? 0 : 1)) % players)"
            return Submission(
                actor: account, key: "o\(n)",
                command: .placeOrder(Order(account: account, side: side, asset: "sword", quantity: 1, price: 10_000)))
        }
    }

}
