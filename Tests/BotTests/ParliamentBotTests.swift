import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("The Parliament through the bot")
struct ParliamentBotTests {
    /// The shipped rules but eligibility.lua: every player votes, so the test needs no week-old accounts.
    static func everyoneVotes() throws -> URL {
        let rules = FileManager.default.temporaryDirectory.appendingPathComponent("tix-parliament-rules-\(UUID())")
        try FileManager.default.copyItem(at: shippedRules, to: rules)
        try FileManager.default.removeItem(at: rules.appendingPathComponent("eligibility.lua"))
        return rules
    }

    @Test("a .lua file sent to the bot is fetched with getFile and proposed; a broken one is refused with file and line")
    func proposeByDocument() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 411, username: "alice", firstName: "Alice")
            try await alice.send("/start")
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 20_000))
            let send = { (name: String, content: String, caption: String?) async throws -> BotCall in
                let mark = stage.telegram.callCount
                stage.telegram.sendDocument(named: name, content: content, caption: caption, from: alice.user)
                return try await stage.telegram.waitForCall(after: mark) { $0.method == "sendMessage" && $0.chat == 411 && $0.delivered }
            }
            let entries = try stage.entries()
            let broken = try await send("gear.lua", "recipe = {\n  name = \"Gear\",\n  inputs = { ore = 1 \n", "Gears")
            #expect(broken.text?.hasPrefix("That recipe cannot be proposed: gear.lua:4: '}' expected") == true, "\(broken.text ?? "")")
            let notLua = try await send("gear.txt", "hello", nil)
            #expect(notLua.text == "🏛 To propose a recipe, send its .lua file (at most 64 KiB), with a caption for its title.")
            #expect(try stage.entries() == entries, "refusals change nothing")

            let source = "recipe = { name = \"Gear\", inputs = { ore = 1 }, outputs = { gear = 1 }, duration = 60000 }\n"
            let proposed = try await send("gear.lua", source, "Gears for all\nmore words")
            #expect(proposed.text?.hasPrefix("🏛 Proposed as #1. 100.00 TIX is held until it is decided") == true, "\(proposed.text ?? "")")
            #expect(proposed.text?.contains("🏛 #1 gear: Gears for all\nby Alice — in review until ") == true, "\(proposed.text ?? "")")
            #expect(stage.telegram.calls.contains { $0.method == "getFile" })
            let stored = try stage.engine.reader.proposal(1)
            #expect(stored.source == source, "what is voted on is byte for byte what was sent")
        }
    }

    @Test("eligible players hear once that voting opened, unless they turned it off or heard within hours; inventors hear the result")
    func notices() async throws {
        try await withStage(rules: try Self.everyoneVotes()) { stage in
            let alice = Player(stage, id: 421, username: "alice", firstName: "Alice")
            let bob = Player(stage, id: 422, username: "bob", firstName: "Bob")
            let dave = Player(stage, id: 424, username: "dave", firstName: "Dave")
            for player in [alice, bob, dave] { try await player.send("/start") }
            #expect(try await bob.send("/parliament_notices off").text?.hasPrefix("🔕") == true)
            for name in ["alice", "bob", "dave"] { try await stage.admin(.mint(to: name, asset: "TIX", amount: 20_000)) }
            let propose = { (account: String, recipe: String) in
                _ = try await stage.engine.submit(Submission(
                    actor: account, key: "p-\(recipe)",
                    command: .propose(
                        account: account, recipe: recipe, title: "More \(recipe)",
                        source: "recipe = { name = \"X\", inputs = { ore = 1 }, outputs = { \(recipe) = 1 }, duration = 1000 }\n")))
            }
            try await propose("alice", "gear")
            try await propose("dave", "cog")
            stage.clock.advance(by: 2 * 3_600_000)
            try await propose("bob", "wheel")  // opens two hours after the others
            let mark = stage.telegram.callCount
            stage.clock.advance(by: 22 * 3_600_000)
            try await stage.admin(.runDueJobs)
            let told = try await stage.telegram.waitForCall(after: mark) { $0.chat == 421 && $0.text?.hasPrefix("🏛 Voting opened") == true }
            #expect(told.text?.contains("#1 gear — More gear") == true && told.text?.contains("#2 cog — More cog") == true, "one message for both")
            #expect(told.button("🏛 #1 gear") != nil)
            try await alice.send("/vote 1 yes")
            stage.clock.advance(by: 2 * 3_600_000)
            try await stage.admin(.runDueJobs)  // wheel opens: alice and dave were told two hours ago
            stage.clock.advance(by: 3 * 86_400_000)
            try await stage.admin(.runDueJobs)  // gear approved, cog and wheel expire
            stage.clock.advance(by: 86_400_000)
            try await stage.admin(.runDueJobs)  // gear enacted
            let enacted = try await stage.telegram.waitForCall(after: mark) { $0.chat == 421 && $0.text?.hasPrefix("🎉") == true }
            #expect(enacted.text == "🎉 Your proposal #1 gear was enacted: the recipe is live and its patent is yours. Your deposit is back.")
            let expired = try await stage.telegram.waitForCall(after: mark) { $0.chat == 424 && $0.text?.hasPrefix("Your proposal #2") == true }
            #expect(expired.text == "Your proposal #2 cog expired: too few votes; your deposit is back.")
            let calls = stage.telegram.calls.dropFirst(mark)
            #expect(calls.filter { $0.chat == 421 && $0.text?.hasPrefix("🏛 Voting opened") == true }.count == 1, "at most one every few hours")
            #expect(!calls.contains { $0.chat == 422 && $0.text?.hasPrefix("🏛 Voting opened") == true }, "bob turned them off")

            // The inventor's menu: patents, licenses and open terms.
            let granted = try await alice.send("/license @dave gear 2 5")
            #expect(granted.text == "📜 Dave may craft gear for 2.00 TIX a craft, 5 times; the royalty comes to you.")
            let heard = try await stage.telegram.waitForCall(after: mark) { $0.chat == 424 && $0.text?.hasPrefix("📜") == true }
            #expect(heard.text == "📜 Alice licensed gear to you: 2.00 TIX a craft, 5 times.")
            #expect(try await bob.send("/license @dave gear 2").text == "bob does not hold the patent on gear.")
            #expect(try await alice.send("/terms gear 1.50").text == "📜 Anyone may now craft gear for 1.50 TIX a craft.")
            let patents = try await alice.send("/patents")
            #expect(patents.text?.hasPrefix("📜 Your patents:\ngear: until ") == true, "\(patents.text ?? "")")
            #expect(patents.text?.hasSuffix("1 license, earned 0.00 TIX, open to all at 1.50 TIX a craft") == true, "\(patents.text ?? "")")
            #expect(try await dave.send("/patents").text?.hasSuffix("Your licenses:\ngear from Alice at 2.00 TIX a craft, 5 crafts left") == true)
        }
    }

    @Test("cards say first who may vote and why not; Yes/No/Abstain vote once; results and vetoes read with their reasons")
    func voteAndVeto() async throws {
        try await withStage(rules: try Self.everyoneVotes()) { stage in
            let alice = Player(stage, id: 401, username: "alice", firstName: "Alice")
            let bob = Player(stage, id: 402, username: "bob", firstName: "Bob")
            let dave = Player(stage, id: 404, username: "dave", firstName: "Dave")
            for player in [alice, bob, dave] { try await player.send("/start") }
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 20_000))
            let source = "recipe = { name = \"Gear\", inputs = { ore = 1 }, outputs = { gear = 1 }, duration = 60000 }\n"
            try await stage.engine.submit(Submission(
                actor: "alice", key: "p1", command: .propose(account: "alice", recipe: "gear", title: "Gears for all", source: source)))

            let pending = try await alice.send("/proposal 1")
            #expect(pending.text?.hasPrefix("🕒 Voting opens ") == true, "\(pending.text ?? "")")
            #expect(pending.button("✅ Yes") == nil)

            let opening = stage.telegram.callCount
            stage.clock.advance(by: 86_400_000)
            try await stage.admin(.runDueJobs)
            // Each voter hears that voting opened; wait for those notices, so they are not taken for answers.
            for chat in [401, 402, 404] as [Int64] {
                _ = try await stage.telegram.waitForCall(after: opening) { $0.chat == chat && $0.text?.hasPrefix("🏛 Voting opened") == true }
            }
            let list = try await alice.send("/parliament")
            #expect(list.text?.contains("#1 gear — Gears for all (voting until ") == true, "\(list.text ?? "")")
            let card = try #require(try await alice.press("🏛 #1 gear", on: list).message)
            #expect(card.text?.hasPrefix("✅ You may vote on this, once.\n\n🏛 #1 gear: Gears for all\nby Alice") == true, "\(card.text ?? "")")
            #expect(card.text?.contains("⚒ 1 ore → 1 gear, 1 min") == true, "\(card.text ?? "")")
            let voted = try #require(try await alice.press("✅ Yes", on: card).message)
            #expect(voted.text?.hasPrefix("🗳 You voted yes on #1.") == true, "\(voted.text ?? "")")
            #expect(voted.text?.contains("Yes 1 · No 0 · Abstain 0 — 1 of 3 eligible voted") == true, "\(voted.text ?? "")")
            #expect(voted.button("❌ No") == nil, "one person, one vote")
            let again = try await alice.press("❌ No", on: card)
            #expect(again.notice == "You already voted yes on proposal #1; one person, one vote.")

            let carol = Player(stage, id: 403, username: "carol", firstName: "Carol")
            try await carol.send("/start")
            let late = try await carol.send("/proposal 1")
            #expect(late.text?.hasPrefix("🚫 You may not vote: your account was opened after voting began.") == true, "\(late.text ?? "")")
            #expect(late.button("✅ Yes") == nil)
            #expect(try await carol.send("/vote 1 yes").text == "You may not vote on proposal #1: your account was opened after voting on it began")

            try await bob.send("/vote 1 no")
            try await dave.send("/vote 1 yes")
            stage.clock.advance(by: 3 * 86_400_000)
            try await stage.admin(.runDueJobs)
            let vetoing = stage.telegram.callCount
            try await stage.admin(.veto(proposal: 1, reason: "Gears from one ore flood the market."))
            // The proposer hears of the veto; wait for it, so it is not taken for her next answer.
            _ = try await stage.telegram.waitForCall(after: vetoing) {
                $0.chat == 401 && $0.text == "⛔ Your proposal #1 gear was vetoed: Gears from one ore flood the market."
            }
            let result = try await bob.send("/proposal 1")
            #expect(result.text?.hasPrefix("🗳 You voted no.\n\n🏛 #1 gear") == true, "\(result.text ?? "")")
            #expect(result.text?.hasSuffix("⛔ Vetoed: Gears from one ore flood the market.") == true, "\(result.text ?? "")")
            let patents = try await alice.send("/patents")
            #expect(patents.text?.hasPrefix("📜 You hold no patent.") == true, "\(patents.text ?? "")")
        }
    }
}
