import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Giving items through the bot")
struct GiveTests {
    @Test("/give previews, confirms, moves whole items once and tells the receiver; fractions change nothing")
    func give() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 301, username: "alice", firstName: "Alice")
            let bob = Player(stage, id: 302, username: "bob", firstName: "Bob")
            try await alice.send("/start")
            try await bob.send("/start")
            try await stage.admin(.defineAsset(Asset(code: "iron_ingot", kind: .product, scale: 0)))
            try await stage.admin(.mint(to: "alice", asset: "iron_ingot", amount: 5))
            let held = { (account: String) in try stage.engine.reader.balance(of: account, asset: "iron_ingot") }

            let entries = try stage.entries()
            #expect(try await alice.send("/give @bob 1.5 iron_ingot").text == "'1.5' is not a whole number: iron_ingot is counted in whole units.")
            #expect(try await alice.send("/give @bob 3").text == "Write it like this: /give @player QUANTITY ITEM")
            let question = try await alice.send("/give @bob 3 iron_ingot")
            #expect(question.text == "Give 3 iron_ingot to Bob?\nNo fee.")
            #expect(try stage.entries() == entries, "asking changes nothing")
            let mark = stage.telegram.callCount
            let gave = try #require(try await alice.press("✅ Confirm", on: question).message)
            #expect(gave.text?.hasPrefix("✅ Gave 3 iron_ingot to Bob. You have 2 iron_ingot left.") == true)
            let notice = try await stage.telegram.waitForCall(after: mark) { $0.chat == 302 && $0.method == "sendMessage" }
            #expect(notice.text == "📥 You received 3 iron_ingot from Alice.")
            #expect(try await alice.press("✅ Confirm", on: question).notice == "That is done already.")
            #expect(try [held("alice"), held("bob")] == [2, 3])
        }
    }
}
