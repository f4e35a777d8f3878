import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Companies and states through the bot")
struct OrgSectionTests {
    @Test("found a company, invite by @username, accept, bind the group, and pay from it with each member's own role")
    func companyInAGroup() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 401, username: "alice", firstName: "Alice")
            let bob = Player(stage, id: 402, username: "bob", firstName: "Bob")
            let carol = Player(stage, id: 403, username: "carol", firstName: "Carol")
            for player in [alice, bob, carol] { try await player.send("/start") }
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 100_000))

            let question = try await alice.send("/company new acme")
            #expect(question.text?.isEmpty == false)
            _ = try await alice.press("✅ Confirm", on: question)
            #expect(try stage.engine.reader.org(named: "acme").org.founder == "alice")

            let mark = stage.telegram.callCount
            #expect(try await alice.send("/company invite acme @bob").text == "✅ Invited Bob to acme.")
            let invitation = try await stage.telegram.waitForCall(after: mark) { $0.chat == 402 && $0.method == "sendMessage" }
            #expect(invitation.text == "✉️ Alice invited you to acme. Accept with /company join acme")
            #expect(try await bob.send("/company join acme").text?.hasPrefix("✅ You joined acme.") == true)

            let group = LocalChat(id: -6000)
            #expect(try await bob.send("/bind company acme", in: group).text == "Only the owner (a state's governor) binds a group to it.")
            #expect(try await alice.send("/bind company acme", in: group).text?.hasPrefix("✅ This group now acts for acme") == true)
            try await stage.admin(.mint(to: "acme", asset: "TIX", amount: 5000))

            // bob is a plain member: refused with the reason, in his own name; nothing moves.
            let entries = try stage.entries()
            #expect(try await bob.send("/co pay @carol 10", in: group).text
                == "Bob is member of acme, and that role may not spend the treasury's tickets.")
            #expect(try stage.entries() == entries)

            #expect(try await alice.send("/co role @bob director", in: group).text == "✅ Bob is now director of acme.")
            let (carolBefore, acmeBefore) = (try stage.tickets("carol"), try stage.tickets("acme"))
            let paid = try await bob.send("/co pay @carol 10", in: group)
            #expect(paid.text?.hasPrefix("Pay 10.00 TIX to Carol?") == true)
            _ = try await bob.press("✅ Confirm", on: paid)
            #expect(try stage.tickets("carol") == carolBefore + 1000)
            #expect(try stage.tickets("acme") == acmeBefore - 1000 - 5)  // the L1 fee of 0.5 %

            #expect(try await alice.send("/company").text?.contains("🏢 acme — owner") == true)
            let shown = try await alice.send("/company acme").text ?? ""
            #expect(shown.contains("👤 Bob — director"), "\(shown)")
            #expect(try stage.engine.reader.invariantViolations() == [])
        }
    }
}
