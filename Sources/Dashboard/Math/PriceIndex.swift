/// A Laspeyres price index, as EVE Online's Monthly Economic Report uses for its price indices: the
/// cost of the base period's basket at today's prices, relative to its cost at base prices, × 100.
/// Items without a price on either side leave the basket, so a new or vanished item does not jump it.
public struct PriceIndex: Sendable, Hashable {
    /// Base-period quantities by item: each item's weight in the basket.
    public let weights: [String: Double]
    /// Base-period prices by item.
    public let basePrices: [String: Double]

    public init(weights: [String: Double], basePrices: [String: Double]) {
        self.weights = weights
        self.basePrices = basePrices
    }

    /// The index at `prices`; nil when no weighted item has a price in both periods.
    public func value(at prices: [String: Double]) -> Double? {
        var now = 0.0
        var base = 0.0
        for (item, weight) in weights where weight > 0 {
            guard let price = prices[item], let basePrice = basePrices[item], basePrice > 0 else { continue }
            now += weight * price
            base += weight * basePrice
        }
        return base > 0 ? 100 * now / base : nil
    }
}
