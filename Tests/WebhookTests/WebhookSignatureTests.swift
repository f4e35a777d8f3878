import Foundation
import Testing
import Webhooks

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    let secret = "whsec_0123456789abcdef0123456789abcdef"
    let body = Data(#"{"id":"whd_7_1","type":"transfer.received"}"#.utf8)
    let now: Int64 = 1_764_600_000

    @Test("a signed body verifies within five minutes, either side")
    func good() throws {
        let header = WebhookSignature.sign(body, secret: secret, timestamp: now)
        #expect(header.hasPrefix("t=\(now),v1="))
        try WebhookSignature.verify(header, body: body, secret: secret, now: now)
        try WebhookSignature.verify(header, body: body, secret: secret, now: now + 300)
        try WebhookSignature.verify(header, body: body, secret: secret, now: now - 300)
    }

    @Test("a tampered body, another secret or a changed timestamp do not verify")
    func tampered() {
        let header = WebhookSignature.sign(body, secret: secret, timestamp: now)
        var changed = body
        changed[changed.startIndex + 10] ^= 1
        #expect(throws: WebhookSignature.Failure.mismatch) { try WebhookSignature.verify(header, body: changed, secret: secret, now: now) }
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(header, body: body, secret: secret + "x", now: now)
        }
        let moved = header.replacingOccurrences(of: "t=\(now)", with: "t=\(now + 1)")
        #expect(throws: WebhookSignature.Failure.mismatch) { try WebhookSignature.verify(moved, body: body, secret: secret, now: now) }
    }

    @Test("a timestamp older than five minutes is stale, even with a good MAC")
    func stale() {
        let header = WebhookSignature.sign(body, secret: secret, timestamp: now)
        #expect(throws: WebhookSignature.Failure.stale(age: 301)) {
            try WebhookSignature.verify(header, body: body, secret: secret, now: now + 301)
        }
    }

    @Test("a header without a timestamp or a v1 is malformed; an unknown scheme beside v1 is ignored")
    func malformed() throws {
        for header in ["", "v1=00", "t=\(now)", "t=\(now),v1=zz", "nonsense"] {
            #expect(throws: WebhookSignature.Failure.malformed) { try WebhookSignature.verify(header, body: body, secret: secret, now: now) }
        }
        try WebhookSignature.verify(WebhookSignature.sign(body, secret: secret, timestamp: now) + ",v0=abc", body: body, secret: secret, now: now)
    }

    @Test("the backoff doubles from its first delay up to its cap, then gives up")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 6, firstDelay: 1000, maxDelay: 5000)
        #expect((1...6).map { policy.delay(after: $0) } == [1000, 2000, 4000, 5000, 5000, nil])
        #expect(RetryPolicy(maxAttempts: 100, firstDelay: .max / 2, maxDelay: 7).delay(after: 50) == 7)
    }
}
