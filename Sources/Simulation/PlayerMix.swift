/// How the simulated population splits between the three audiences, in whole percent:
/// `tappers=70,consumers=25,proactive=5`.
public struct PlayerMix: Sendable, Hashable {
    public var tappers: Int
    public var consumers: Int
    public var proactive: Int

    public init(tappers: Int, consumers: Int, proactive: Int) {
        self.tappers = tappers
        self.consumers = consumers
        self.proactive = proactive
    }

    /// Reads `name=percent` pairs; the percentages must add up to 100.
    public init(parsing text: String) throws(SimulationError) {
        var shares: [String: Int] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Int(parts[1]), value >= 0,
                ["tappers", "consumers", "proactive"].contains(parts[0])
            else { throw .invalidMix(text) }
            shares[parts[0]] = value
        }
        self.init(tappers: shares["tappers"] ?? 0, consumers: shares["consumers"] ?? 0, proactive: shares["proactive"] ?? 0)
        guard tappers + consumers + proactive == 100 else { throw .invalidMix(text) }
    }

    /// The audience of player number `index` of `count`: the first share are tappers, then consumers,
    /// then the proactive, so the split is exact and the same on every run.
    func audience(of index: Int, count: Int) -> Audience {
        if index < count * tappers / 100 { return .tapper }
        if index < count * (tappers + consumers) / 100 { return .consumer }
        return .proactive
    }
}

/// The three audiences of the seed: casual one-tap players, engaged menu users, hardcore players.
public enum Audience: String, Sendable, CaseIterable {
    case tapper, consumer, proactive
}
