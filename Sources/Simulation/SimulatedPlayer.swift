/// What a synthetic player remembers between rounds: only what its own receipts told it, never a
/// peek at the database, so the behaviour is the same whatever the engine's speed.
public struct SimulatedPlayer: Sendable {
    public let name: String
    public let audience: Audience
    /// Its factory, once built.
    var factory: Int64?
    /// The day its forge craft was started; the forge is in its inventory the day after.
    var forgeStarted: Int?
    var forgeFitted = false
    /// Crafts planned for today (the ore was bought for them).
    var plannedCrafts = 0
    /// Ingots crafted and not yet offered.
    var ingots: Int64 = 0
    var foundedCompany = false

    init(name: String, audience: Audience) {
        self.name = name
        self.audience = audience
    }
}
