import Bot
import Engine
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
        #expect(pay.contains("Pay 2.00 TIX to bob? “thanks”") && pay.contains("[1] ✅ Confirm"))
        let paid = try #require(try await chat.enter("1"))
        #expect(paid.contains("✅ Paid 2.00 TIX to bob") && paid.contains("→ bob: 📥 You received 2.00 TIX from alice."))
        #expect(try engine.reader.balance(of: "bob", asset: "TIX") == 200)
        #expect(try await chat.enter("9") == "(no button 9)")
        #expect(try await chat.enter(":quit") == nil)
    }
}
