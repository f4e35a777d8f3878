/// A trade with the AMM pool of a raw material: tickets for items (`buy`) or items for tickets (`sell`).
///
/// One side of the trade is fixed by `amount`, the other is what the pool's curve makes of it, bounded
/// by `limit` so that a price that moved since the trader looked refuses the swap instead of filling it.
public struct Swap: Codable, Sendable, Hashable {
    /// Which side `amount` fixes.
    public enum Exact: String, Codable, Sendable, CaseIterable {
        /// `amount` is what the trader gives (fee included); `limit` is the least they accept in return.
        case input = "input"
        /// `amount` is what the trader receives; `limit` is the most they pay for it, fee included.
        case output = "output"
    }

    /// Journal keys, fixed apart from the property names.
    enum CodingKeys: String, CodingKey {
        case account = "account", asset = "asset", side = "side", exact = "exact", amount = "amount", limit = "limit"
    }

    /// The trader's account; players swap only their own.
    public var account: String
    /// The pool's raw material, e.g. `ore`.
    public var asset: String
    public var side: TradeSide
    public var exact: Exact
    /// Minor units of ``amountAsset``, more than zero.
    public var amount: Int64
    /// Minor units of ``limitAsset``, more than zero.
    public var limit: Int64

    public init(account: String, asset: String, side: TradeSide, exact: Exact, amount: Int64, limit: Int64) {
        self.account = account
        self.asset = asset
        self.side = side
        self.exact = exact
        self.amount = amount
        self.limit = limit
    }

    /// What the trader pays with.
    public var inputAsset: String { side == .buy ? Asset.ticket.code : asset }
    /// What the trader receives.
    public var outputAsset: String { side == .buy ? asset : Asset.ticket.code }
    /// The asset `amount` counts.
    public var amountAsset: String { exact == .input ? inputAsset : outputAsset }
    /// The asset `limit` counts.
    public var limitAsset: String { exact == .input ? outputAsset : inputAsset }
}
