/// Prices per day for the price panels and indices: pools' spot prices from reserves carried over
/// days without a swap, and items' average fill prices carried over days without a fill.
enum PriceDays {
    struct PoolDay {
        var day: Int64
        /// Whole tickets per whole item, by item.
        var prices: [String: Double]
        /// Tickets traded that day, by item.
        var volume: [String: Int64]
        var reserves: [String: DayBook.PoolDay]
    }

    static func pools(_ context: SeriesContext, _ scales: AssetScales) -> [PoolDay] {
        var reserves: [String: DayBook.PoolDay] = [:]
        for day in context.days.keys.sorted() where day < context.range.lowerBound {
            reserves.merge(context.days[day]!.pools) { $1 }
        }
        return context.range.map { number in
            reserves.merge(context.days[number]?.pools ?? [:]) { $1 }
            var prices: [String: Double] = [:]
            for (code, pool) in reserves {
                prices[code] = scales.price(tickets: pool.reserveTickets, items: pool.reserveItems, of: code)
            }
            return PoolDay(
                day: number, prices: prices, volume: (context.days[number]?.pools ?? [:]).mapValues(\.volumeTickets),
                reserves: reserves)
        }
    }

    /// Each day's average fill price by item (carried over days without a fill) and tickets traded.
    static func fills(_ context: SeriesContext, _ scales: AssetScales) -> [(prices: [String: Double], volume: [String: Int64])] {
        var last: [String: Double] = [:]
        return context.range.map { number in
            let fills = context.days[number]?.fills ?? [:]
            for (code, fill) in fills {
                last[code] = scales.price(tickets: fill.tickets, items: fill.quantity, of: code) ?? last[code]
            }
            return (last, fills.mapValues(\.tickets))
        }
    }

    /// Base: the first day with prices; weights: the range's volume of each item in base-price units
    /// (every item alike when nothing traded), so busier materials weigh more.
    static func index(_ days: [(prices: [String: Double], volume: [String: Int64])]) -> PriceIndex {
        let base = days.first { !$0.prices.isEmpty }?.prices ?? [:]
        var weights: [String: Double] = [:]
        for day in days {
            for (code, tickets) in day.volume { if let price = base[code], price > 0 { weights[code, default: 0] += Double(tickets) / price } }
        }
        if weights.values.allSatisfy({ $0 == 0 }) { weights = base.mapValues { _ in 1 } }
        return PriceIndex(weights: weights, basePrices: base)
    }
}
