import Bot
import Engine
import Foundation
import Testing

@Suite("tix play")
struct TerminalChatTests {
    @Test("the same game in a terminal: numbered buttons, several players, refusals in words")
    func play() async throws {
        let engine = try Engine(path: scratchPath(), clock: ManualClock(), rules: shippedRules)
        defer { engine.close() }
        let chat = try TerminalChat(engine: engine, user: "alice")
        let welcome = try #require(try await chat.enter("/start"))
        #expect(welcome.contains("Your account is alice") && welcome.contains("[1] 🎯 Tap"))
        #expect(try await chat.enter("1")?.contains("🎯 +0.") == true)
        #expect(try await chat.enter("1") == "💬 Your tap reward is not ready yet: come back in 10 s.")
        #expect(try await chat.enter("/daily")?.contains("+10.00 TIX") == true)
        #expect(try await chat.enter(":user bob") == "(now playing as bob)")
        _ = try await chat.enter("/start")
        let question = try #require(try await chat.enter("/pay @alice 20"))
        #expect(question == "🤖 bob has 0.00 TIX but this needs 20.10 TIX.")
        _ = try await chat.enter(":user alice")
        let pay = try #require(try await chat.enter("/pay @bob 2 thanks"))
        #expect(pay.contains("Pay 2.00 TIX to bob? “thanks”"))
        let paid = try #require(try await chat.enter(try number(of: "✅ Confirm", in: pay)))
        #expect(paid.contains("✅ Paid 2.00 TIX to bob") && paid.contains("→ bob: 📥 You received 2.00 TIX from alice."))
        #expect(try engine.reader.balance(of: "bob", asset: "TIX") == 200)
        #expect(try await chat.enter("9") == "(no button 9)")
        #expect(try await chat.enter(":quit") == nil)
    }

    @Test("a button's number presses that button, however many messages came since")
    func numbersStayValid() async throws {
        let engine = try Engine(path: scratchPath(), clock: ManualClock(), rules: shippedRules)
        defer { engine.close() }
        let chat = try TerminalChat(engine: engine, user: "bob")
        _ = try await chat.enter("/start")
        _ = try await chat.enter(":user alice")
        let welcome = try #require(try await chat.enter("/start"))
        _ = try await chat.enter("/daily")
        let pay = try #require(try await chat.enter("/pay @bob 1"))
        let confirm = try number(of: "✅ Confirm", in: pay)
        let menu = try #require(try await chat.enter("/menu"))
        #expect(try number(of: "💰 Balance", in: menu) != confirm, "a newer message numbers its buttons afresh")
        #expect(try await chat.enter(confirm)?.contains("✅ Paid 1.00 TIX to bob") == true)
        #expect(try engine.reader.balance(of: "bob", asset: "TIX") == 100)
        // The welcome's buttons still work, under their own numbers.
        #expect(try await chat.enter(try number(of: "💰 Balance", in: welcome))?.contains("💰 alice: ") == true)
    }

    @Test("crafts finished meanwhile are announced, and a repeating line that stops says what it lacks")
    func craftNotices() async throws {
        let clock = ManualClock()
        let engine = try Engine(path: scratchPath(), clock: clock, rules: shippedRules, recipes: shippedRecipes)
        defer { engine.close() }
        _ = try await engine.seedPools(try PoolSeed.read(directory: shippedRules))
        let chat = try TerminalChat(engine: engine, user: "alice")
        _ = try await chat.enter("/start")
        @discardableResult
        func submit(_ actor: String, _ command: Command) async throws -> Receipt {
            try await engine.submit(Submission(actor: actor, key: UUID().uuidString, command: command))
        }
        try await submit(Submission.admin, .defineAsset(Asset(code: "forge", kind: .component, scale: 0)))
        for (asset, amount) in [("TIX", Int64(20_000)), ("ore", 4), ("forge", 1)] {
            try await submit(Submission.admin, .mint(to: "alice", asset: asset, amount: amount))
        }
        let factory = try #require(try await submit("alice", .buildFactory(account: "alice", name: "Smithy")).createdID)
        try await submit("alice", .fitComponent(account: "alice", factory: factory, component: "forge"))
        try await submit("alice", .startCraft(account: "alice", factory: factory, recipe: "iron_ingot", repeats: true))
        #expect(try await chat.enter("") == "")
        clock.advance(by: 10_000)
        try await submit(Submission.admin, .runDueJobs)
        #expect(try await chat.enter("")?.hasPrefix("🤖 ⚒ Your Iron ingot is ready: +1 iron_ingot") == true)
        clock.advance(by: 10_000)
        try await submit(Submission.admin, .runDueJobs)
        let stopped = try #require(try await chat.enter("/balance"))
        #expect(stopped.hasPrefix("🤖 ⚒ Your Iron ingot is ready: +1 iron_ingot\n   🔁 Your iron ingot line stopped: it needs 2 ore"))
        #expect(stopped.contains("💰 alice: "), "the answer follows the news")
        #expect(try await chat.enter("") == "", "each craft is announced once")
        // The history reads as what happened, not as postings.
        let history = try #require(try await chat.enter("/history"))
        #expect(history.contains("Fitted a forge to Smithy") && history.contains("Crafted 1 iron ingot"), "\(history)")
        #expect(!history.contains("→ escrow"), "\(history)")
    }

    /// The number shown beside the button labelled `label` in `output`.
    private func number(of label: String, in output: String) throws -> String {
        let match = try #require(output.firstMatch(of: try Regex("\\[([0-9]+)\\] " + NSRegularExpression.escapedPattern(for: label))))
        return String(try #require(match.output[1].substring))
    }
}
