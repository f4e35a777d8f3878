/// A limit order on the P2P market: `quantity` units of an item at `price` tickets (minor units) each.
///
/// Placing it moves what it offers into `escrow` (a buyer's tickets, a seller's items); it then trades
/// with resting orders by price-time priority, partially if need be, and rests with what is left.
public struct Order: Codable, Sendable, Hashable {
    public var account: String
    public var side: TradeSide
    public var asset: String
    public var quantity: Int64
    /// Ticket minor units per unit of the item; the buyer's most or the seller's least.
    public var price: Int64
    /// Journal time (ms) after which the order leaves the book and its escrow returns; nil: until cancelled.
    public var expiresAt: Int64?

    /// Journal keys, fixed apart from the property names.
    enum CodingKeys: String, CodingKey {
        case account = "account", side = "side", asset = "asset", quantity = "quantity", price = "price"
        case expiresAt = "expiresAt"
    }

    public init(account: String, side: TradeSide, asset: String, quantity: Int64, price: Int64, expiresAt: Int64? = nil) {
        self.account = account
        self.side = side
        self.asset = asset
        self.quantity = quantity
        self.price = price
        self.expiresAt = expiresAt
    }
}

/// An order as the book keeps it.
public struct BookOrder: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable {
        case open, filled, cancelled, expired
    }

    public var id: Int64
    public var account: String
    public var side: TradeSide
    public var asset: String
    public var price: Int64
    public var quantity: Int64
    public var remaining: Int64
    public var expiresAt: Int64?
    public var state: State
    public var placedAt: Int64
}
