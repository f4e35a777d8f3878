import Synchronization

/// Telegram's documented limits on what a bot sends: about 30 messages a second overall, one a second
/// in a chat, 20 a minute in a group; going over them earns 429s. Each is kept as the least time
/// between two messages, so no stretch of time of any length ever holds more than the limit allows.
public struct RateLimits: Sendable, Hashable {
    public var overall: Duration = .seconds(1) / 30
    public var perChat: Duration = .seconds(1)
    public var perGroup: Duration = .seconds(60) / 20

    public static let telegram = RateLimits()

    public init() {}
}

/// Books each message a slot that keeps to ``RateLimits``: no sooner than the chat's (and group's)
/// spacing after its previous message, and at least the overall spacing away from every other booked
/// slot, so a chat that must wait never holds up the others. Times are integer nanoseconds of a
/// monotonic clock.
final class RateLimiter: Sendable {
    private let limits: RateLimits
    private let state = Mutex(State())

    private struct State {
        /// Slots booked overall, ascending; those well past are forgotten.
        var booked: [Int64] = []
        /// The earliest next slot of each chat.
        var chats: [Int64: Int64] = [:]
    }

    /// Chats remembered before those with no slot ahead are forgotten.
    private static let pruneAbove = 10_000

    init(_ limits: RateLimits) { self.limits = limits }

    /// Books the earliest slot for a message to `chat` at or after `now` and returns how long to wait
    /// for it. Group chats have negative ids, as in Telegram.
    func reserve(chat: Int64, now: Int64) -> Int64 {
        let overall = limits.overall.nanoseconds
        let spacing = (chat < 0 ? max(limits.perChat, limits.perGroup) : limits.perChat).nanoseconds
        return state.withLock { state in
            state.booked.removeAll { $0 <= now - overall }
            var slot = max(now, state.chats[chat] ?? .min)
            for booked in state.booked {
                if booked >= slot + overall { break }
                if booked > slot - overall { slot = booked + overall }
            }
            state.booked.insert(slot, at: state.booked.firstIndex { $0 > slot } ?? state.booked.endIndex)
            state.chats[chat] = slot + spacing
            if state.chats.count > Self.pruneAbove { state.chats = state.chats.filter { $0.value > now } }
            return slot - now
        }
    }
}
