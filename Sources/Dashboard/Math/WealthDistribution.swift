/// How a set of balances is shared out: the Gini coefficient, the shares of the richest, the median
/// and the Lorenz curve. Balances are minor units; the ratios are for charts only, never for money.
public struct WealthDistribution: Sendable, Hashable {
    /// Ascending; negative balances count as zero (nobody holds less than nothing on a chart of wealth).
    public let balances: [Int64]
    /// The sum, as `Double`: a sum of many Int64 balances may not fit in an Int64, and it only divides.
    private let total: Double

    public init(_ balances: [Int64]) {
        self.balances = balances.map { max($0, 0) }.sorted()
        total = self.balances.reduce(0.0) { $0 + Double($1) }
    }

    /// 0 when everyone holds the same, (n − 1) / n when one holds everything; 0 for nobody or nothing.
    /// G = Σᵢ (2i − n − 1) xᵢ / (n Σ x), i from 1, x ascending.
    public var gini: Double {
        let n = Double(balances.count)
        guard n > 0, total > 0 else { return 0 }
        var weighted = 0.0
        for (index, balance) in balances.enumerated() {
            weighted += (2 * Double(index + 1) - n - 1) * Double(balance)
        }
        return weighted / (n * total)
    }

    /// The share of all wealth held by the richest `fraction` of holders (at least one holder).
    public func topShare(_ fraction: Double) -> Double {
        guard !balances.isEmpty, total > 0 else { return 0 }
        let count = max(1, Int((Double(balances.count) * fraction).rounded(.down)))
        return balances.suffix(count).reduce(0.0) { $0 + Double($1) } / total
    }

    /// The middle balance; the lower of the two middle ones for an even count (minor units stay whole).
    public var median: Int64 {
        balances.isEmpty ? 0 : balances[(balances.count - 1) / 2]
    }

    /// `points + 1` points from (0, 0) to (1, 1): the poorest x share of holders owns y of the wealth.
    public func lorenz(points: Int = 20) -> [(population: Double, wealth: Double)] {
        guard !balances.isEmpty, total > 0, points > 0 else { return [(0, 0), (1, 1)] }
        var prefix = [0.0]
        prefix.reserveCapacity(balances.count + 1)
        for balance in balances { prefix.append(prefix[prefix.count - 1] + Double(balance)) }
        return (0...points).map { step in
            let population = Double(step) / Double(points)
            let holders = Int((population * Double(balances.count)).rounded())
            return (population, prefix[holders] / total)
        }
    }
}
