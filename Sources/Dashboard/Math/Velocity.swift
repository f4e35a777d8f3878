/// How often the money changes hands: volume moved between holders over a period, divided by the
/// average supply in circulation during it. 0 when nothing circulates.
public enum Velocity {
    public static func of(volume: Int64, averageCirculating: Double) -> Double {
        averageCirculating > 0 ? Double(volume) / averageCirculating : 0
    }
}
