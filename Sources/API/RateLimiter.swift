import Foundation
import Synchronization

/// A token bucket per API key: `burst` requests at once, refilled at `perSecond`. In memory: a
/// restart forgives, which is harmless for a limit that protects the server, not the ledger.
public final class RateLimiter: Sendable {
    public struct Limit: Sendable {
        public var burst: Double
        public var perSecond: Double

        public init(burst: Double, perSecond: Double) {
            self.burst = burst
            self.perSecond = perSecond
        }

        public static let standard = Limit(burst: 200, perSecond: 100)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let limit: Limit
    private let buckets = Mutex<[Int64: Bucket]>([:])
    private let now: @Sendable () -> Double

    public init(_ limit: Limit, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.limit = limit
        self.now = now
    }

    /// Nil when the key may go ahead (and a token is taken), else the whole seconds to wait.
    func take(for key: Int64) -> Int? {
        let time = now()
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: limit.burst, updated: time)
            bucket.tokens = min(limit.burst, bucket.tokens + (time - bucket.updated) * limit.perSecond)
            bucket.updated = time
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / limit.perSecond).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }
}
