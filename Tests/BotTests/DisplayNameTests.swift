import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Players read each other by display name, never by account id")
struct DisplayNameTests {
    @Test("a player without a free username is named by first name, made unique, renamed when it changes")
    func displayNames() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 201, username: "alice", firstName: "Alice")
            let other = Player(stage, id: 202, username: nil, firstName: "Alice")
            let carol = Player(stage, id: 203, username: "mint", firstName: "Carol")
            for player in [alice, other, carol] { try await player.send("/start") }
            try await stage.admin(.mint(to: "tg202", asset: "TIX", amount: 5000))

            // The pay question, the receipt and the payee's notice name players by display name.
            let question = try await other.send("/pay @alice 1")
            #expect(question.text?.hasPrefix("Pay 1.00 TIX to Alice?") == true)
            let mark = stage.telegram.callCount
            let paid = try #require(try await other.press("✅ Confirm", on: question).message)
            #expect(paid.text?.hasPrefix("✅ Paid 1.00 TIX to Alice (") == true)
            let notice = try await stage.telegram.waitForCall(after: mark) { $0.chat == 201 && $0.method == "sendMessage" }
            #expect(notice.text == "📥 You received 1.00 TIX from Alice (2).")

            // The leaderboard, and an engine refusal that names a player.
            let top = try await alice.send("/top")
            #expect(top.text?.contains("Alice (2) — ") == true)
            #expect(top.text?.contains("tg20") == false)
            let broke = try await carol.send("/pay @alice 1")
            #expect(broke.text?.hasPrefix("Carol has ") == true, "\(broke.text ?? "")")

            // A new first name is taken up at the player's next message; a name someone has is numbered.
            let renamed = Player(stage, id: 202, username: nil, firstName: "Carol")
            try await renamed.send("/balance")
            #expect(try await alice.send("/top").text?.contains("Carol (2) — ") == true)
        }
    }
}
