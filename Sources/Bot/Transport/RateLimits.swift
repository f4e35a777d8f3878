import Synchronization

/// Telegram's documented limits on what a bot sends: about 30 messages a second overall, one a second
/// in a chat, 20 a minute in a group. Going over them earns 429s.
public struct RateLimits: Sendable, Hashable {
    /// `count` messages per `period`, the first `count` of them at once.
    public struct Rate: Sendable, Hashable {
        public var count: Int
        public var period: Duration

        public init(_ count: Int, per period: Duration) {
            self.count = count
            self.period = period
        }

        /// Nanoseconds between two messages.
        var interval: Int64 { period.nanoseconds / Int64(max(1, count)) }

        /// How early a message may go before its due time: the burst.
        var tolerance: Int64 { interval * Int64(max(1, count) - 1) }
    }

    public var overall = Rate(30, per: .seconds(1))
    public var perChat = Rate(1, per: .seconds(1))
    public var perGroup = Rate(20, per: .seconds(60))

    public static let telegram = RateLimits()

    public init() {}
}

/// Spaces messages out to stay within ``RateLimits``. Each limit is a generic cell rate algorithm: a
/// token bucket kept as the time its next message is due, in integer nanoseconds of a monotonic clock.
final class RateLimiter: Sendable {
    private let limits: RateLimits
    private let state = Mutex(State())

    private struct State {
        var overall: Int64?
        var chats: [Int64: Int64] = [:]
        var groups: [Int64: Int64] = [:]
    }

    /// Chats remembered before the idle ones are forgotten.
    private static let pruneAbove = 10_000

    init(_ limits: RateLimits) { self.limits = limits }

    /// Books the earliest slot for a message to `chat` at or after `now` and returns how long to wait
    /// for it, in nanoseconds. Group chats have negative ids, as in Telegram.
    func reserve(chat: Int64, now: Int64) -> Int64 {
        state.withLock { state in
            let group = chat < 0
            var slot = now
            slot = max(slot, Self.earliest(state.overall, limits.overall))
            slot = max(slot, Self.earliest(state.chats[chat], limits.perChat))
            if group { slot = max(slot, Self.earliest(state.groups[chat], limits.perGroup)) }
            state.overall = Self.due(after: slot, state.overall, limits.overall)
            state.chats[chat] = Self.due(after: slot, state.chats[chat], limits.perChat)
            if group { state.groups[chat] = Self.due(after: slot, state.groups[chat], limits.perGroup) }
            if state.chats.count > Self.pruneAbove {
                state.chats = state.chats.filter { $0.value > now }
                state.groups = state.groups.filter { $0.value > now }
            }
            return slot - now
        }
    }

    private static func earliest(_ due: Int64?, _ rate: RateLimits.Rate) -> Int64 {
        due.map { $0 - rate.tolerance } ?? .min
    }

    private static func due(after slot: Int64, _ due: Int64?, _ rate: RateLimits.Rate) -> Int64 {
        max(due ?? slot, slot) + rate.interval
    }
}
