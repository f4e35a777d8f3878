/// The behaviours' parameters, all on the command line (`tix simulate --help`): how often each audience
/// acts and how much it spends. Probabilities are per player and day, in percent.
public struct Tuning: Sendable, Hashable {
    /// Taps a tapper makes a day, at most: in round r (1 to 6) it taps when a draw from 1 to this is at
    /// least r, so about half this many a day.
    public var tapsPerDay = 6
    /// The chance a tapper sends a friend a few tickets on a given day.
    public var tapperSpendPercent = 5
    /// Crafts a consumer starts a day, at most, once it has a fitted forge.
    public var craftsPerDay = 3
    /// A consumer's ask over what an ingot costs to make at the AMM, in percent (drawn up to this).
    public var markupPercent = 50
    /// The chance a proactive player proposes a recipe to the Parliament on a given day.
    public var proposePercent = 5
    /// The chance a proactive player founds its company on a given day (once).
    public var foundPercent = 10

    public init() {}
}
