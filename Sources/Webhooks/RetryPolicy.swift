/// When a delivery that was not acknowledged is tried again: after `firstDelay`, doubling each time up
/// to `maxDelay`, and after `maxAttempts` attempts it is marked failed (until `tix webhook replay`).
/// The defaults try 10 times over about an hour and a half.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int64
    /// Milliseconds.
    public var firstDelay: Int64
    public var maxDelay: Int64

    public init(maxAttempts: Int64 = 10, firstDelay: Int64 = 10_000, maxDelay: Int64 = 3_600_000) {
        self.maxAttempts = maxAttempts
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
    }

    /// The wait after the `attempt`-th failed attempt (1 for the first): `firstDelay · 2^(attempt-1)`,
    /// at most `maxDelay`; nil when none is left.
    public func delay(after attempt: Int64) -> Int64? {
        guard attempt < maxAttempts else { return nil }
        let doublings = min(max(attempt - 1, 0), 40)
        let (delay, overflow) = firstDelay.multipliedReportingOverflow(by: Int64(1) << doublings)
        return overflow ? maxDelay : min(delay, maxDelay)
    }
}
