/// What every player may know at a round: the time, the AMM's prices at the start of the day, who
/// else plays, and the Parliament's proposals opened during the run.
struct World: Sendable {
    var day: Int
    var round: Int
    /// Journal time of the round, ms.
    var now: Int64
    /// Tickets (minor units) one ore and one log cost at the AMM's spot price, at least 1.
    var orePrice: Int64
    var woodPrice: Int64
    var names: [String]
    var proposals: [Int64]

    /// Tickets an ingot costs to make from ore bought at the AMM (two ore, as `recipes/iron_ingot.lua`).
    var ingotCost: Int64 { 2 * orePrice }
}
