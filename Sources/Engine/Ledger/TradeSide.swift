/// Which way items move against tickets, on the P2P market and at the AMM alike.
public enum TradeSide: String, Codable, Sendable, CaseIterable {
    /// Pay tickets, receive the item.
    case buy = "buy"
    /// Pay the item, receive tickets.
    case sell = "sell"

    var opposite: TradeSide { self == .buy ? .sell : .buy }
}
