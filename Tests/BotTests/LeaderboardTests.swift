import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("The weekly leaderboard beside the all-time one, and the invitation link")
struct LeaderboardTests {
    @Test("this week's board counts what players gained since Monday; the invite link names the bot getMe gave")
    func weekly() async throws {
        try await withStage { stage in
            let rich = Player(stage, id: 601, username: "rich", firstName: "Rich")
            let newcomer = Player(stage, id: 602, username: "new", firstName: "Newcomer")
            try await rich.send("/start")
            try await newcomer.send("/start")
            try await stage.admin(.mint(to: "rich", asset: "TIX", amount: 100_000))
            // A week later, and past Monday: the newcomer gains a little, the rich player spends.
            stage.clock.advance(by: 8 * 86_400_000)
            try await stage.admin(.mint(to: "new", asset: "TIX", amount: 700))
            try await stage.engine.submit(Submission(
                actor: "rich", key: UUID().uuidString, command: .transfer(from: "rich", to: "new", asset: "TIX", amount: 300, memo: nil)))

            let top = try await newcomer.send("/top")
            #expect(top.text?.hasPrefix("🏆 Top players:\n1. Rich — ") == true)
            let week = try #require(try await newcomer.press("📅 This week", on: top).message)
            #expect(week.text == "📅 Most tickets gained this week (since Monday, UTC):\n1. Newcomer — 10.00 TIX")
            #expect(week.button("🏆 All time") != nil)
            #expect(try await rich.send("/top week").text == week.text)

            #expect(try await rich.send("/invite").text?.hasSuffix("https://t.me/\(LocalTelegram.botUser.username!)?start=ref-601") == true)
        }
    }
}
