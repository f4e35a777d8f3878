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
            #expect(invitation.text == "✉️ Alice invited you to acme. Accept with /company join acme or open https://t.me/tixbot?start=org-acme")
            #expect(try await bob.send("/start org-acme").text == "✅ You joined acme.")
            #expect(try await bob.send("/company join acme").text == "bob is already in acme (or invited).")

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

extension OrgSectionTests {
    @Test("a company's owner hears that its line is starved on ore once its last craft finished")
    func starvedLineNotice() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 411, username: "alice", firstName: "Alice")
            try await alice.send("/start")
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 100_000))
            let create = Submission(actor: "alice", key: "acme", command: .org(.create(kind: .company, name: "acme", founder: "alice")))
            try await stage.engine.submit(create)
            for (code, kind) in [("ore", Asset.Kind.raw), ("forge", .component)] {
                if try stage.engine.reader.asset(code: code) == nil { try await stage.admin(.defineAsset(Asset(code: code, kind: kind, scale: 0))) }
            }
            for (code, amount) in [("ore", Int64(2)), ("forge", 1), ("TIX", 10_000)] {
                try await stage.admin(.mint(to: "acme", asset: code, amount: amount))
            }
            for (key, command) in [
                ("build", Command.buildFactory(account: "acme", name: "Smelter")),
                ("fit", .fitComponent(account: "acme", factory: 1, component: "forge")),
                ("line", .org(.startLine(org: "acme", name: "ingots", stages: [LineStage(factory: 1, recipe: "iron_ingot")]))),
            ] {
                try await stage.engine.submit(Submission(actor: "alice", key: key, command: command))
            }
            let mark = stage.telegram.callCount
            for _ in 0..<3 {  // the first tick starts a craft from the 2 ore; it finishes; the next tick finds no ore
                _ = try? await stage.admin(.runDueJobs)  // (unless the bot's own job worker ran them first)
                stage.clock.advance(by: 600_000)
            }
            #expect(try stage.engine.reader.org(named: "acme").lines.map(\.status) == ["starved on ore"])
            #expect(try stage.engine.reader.balance(of: "acme", asset: "iron_ingot") == 1)
            let notice = try await stage.telegram.waitForCall(after: mark) { $0.chat == 411 && $0.method == "sendMessage" && $0.delivered }
            #expect(notice.text == "🏭 Your line ingots in acme is starved on ore: add what it lacks to acme's inventory.")
        }
    }
}
