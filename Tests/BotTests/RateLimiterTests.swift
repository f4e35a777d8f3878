import Testing
@testable import Bot

@Suite("Outgoing rate limits")
struct RateLimiterTests {
    static let second: Int64 = 1_000_000_000

    @Test("about 30 messages a second overall")
    func overall() {
        let limiter = RateLimiter(.telegram)
        let waits = (1...31).map { limiter.reserve(chat: $0, now: 0) }
        #expect(waits.first == 0)
        #expect(waits.last == 30 * (Self.second / 30))
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $1 - $0 == Self.second / 30 })
    }

    @Test("one message a second in a chat")
    func perChat() {
        let limiter = RateLimiter(.telegram)
        #expect(limiter.reserve(chat: 7, now: 0) == 0)
        #expect(limiter.reserve(chat: 7, now: 0) == Self.second)
        #expect(limiter.reserve(chat: 8, now: 0) < Self.second, "another chat does not wait for chat 7")
    }

    @Test("never more than 20 messages in a minute in a group")
    func perGroup() {
        let limiter = RateLimiter(.telegram)
        var slots: [Int64] = []
        var now: Int64 = 0
        for _ in 0..<45 {
            now += limiter.reserve(chat: -100, now: now)
            slots.append(now)
        }
        for start in slots {
            #expect(slots.filter { $0 >= start && $0 < start + 60 * Self.second }.count <= 20)
        }
        #expect(slots.last! - slots.first! == 44 * 3 * Self.second)
    }
}
