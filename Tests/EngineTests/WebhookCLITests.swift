import Foundation
import Testing

/// `tix webhook` end to end, through the built binary.
@Suite("Webhooks from the command line")
struct WebhookCLITests {
    @Test("add prints the secret once, a transfer queues a delivery, remove fails it, and each refusal says why")
    func tour() async throws {
        let folder = try await CLITests.folder()
        let (status, output) = try await CLITests.tix("""
            tix mint alice 500 && tix company create alice acme --as alice \
            && tix webhook add acme http://127.0.0.1:9/hook --events transfer.received,craft.completed --as alice \
            && tix transfer alice acme 5 --as alice
            """, in: folder)
        #expect(status == 0, "\(output)")
        #expect(output.contains("webhook #1") && output.contains("secret whsec_"), "\(output)")
        let (_, listed) = try await CLITests.tix("tix webhook list acme", in: folder)
        #expect(listed.contains("#1 http://127.0.0.1:9/hook  craft.completed,transfer.received") && !listed.contains("whsec_"), "\(listed)")
        let (_, pending) = try await CLITests.tix("tix webhook deliveries acme", in: folder)
        #expect(pending.contains("transfer.received → #1 pending, 0 attempt(s), not tried yet"), "\(pending)")

        let (badEvent, eventMessage) = try await CLITests.tix("tix webhook add acme http://x.org --events paid --as alice", in: folder)
        #expect(badEvent != 0 && eventMessage.contains("'paid' is not an event"), "\(eventMessage)")
        let (refused, refusal) = try await CLITests.tix("tix webhook add acme http://x.org --events line.starved --as bob", in: folder)
        #expect(refused == 1 && refusal.contains("acme"), "\(refusal)")

        let (_, rotated) = try await CLITests.tix("tix webhook rotate acme 1 --as alice --json", in: folder)
        #expect(rotated.contains(#""endpoint":1"#) && rotated.contains(#""secret":"whsec_"#), "\(rotated)")
        let (removed, _) = try await CLITests.tix("tix webhook remove acme 1 --as alice", in: folder)
        #expect(removed == 0)
        let (_, failed) = try await CLITests.tix("tix webhook deliveries acme --failed --json", in: folder)
        #expect(failed.contains(#""lastError":"endpoint removed""#) && failed.contains(#""state":"failed""#), "\(failed)")
        let (unknown, unknownMessage) = try await CLITests.tix("tix webhook replay whd_999_1", in: folder)
        #expect(unknown == 1 && unknownMessage.contains("There is no webhook delivery whd_999_1"), "\(unknownMessage)")
        let (verified, report) = try await CLITests.tix("tix verify", in: folder)
        #expect(verified == 0, "\(report)")
    }
}
