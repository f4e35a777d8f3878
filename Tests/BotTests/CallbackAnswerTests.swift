import Bot
import Foundation
import LocalTelegram
import Testing

@Suite("Button presses are answered at once")
struct CallbackAnswerTests {
    @Test("a press is answered while its chat's replies are stuck, once, and a restart still answers it")
    func answeredBesideTheQueue() async throws {
        try await withStage { stage in
            let telegram = stage.telegram
            let alice = Player(stage, id: 801, username: "alice", firstName: "Alice")
            let welcome = try await alice.send("/start")
            let (chat, message) = (try #require(welcome.chat), try #require(welcome.messageID))
            // Telegram takes no message now: alice's replies wait in her chat's queue, retried.
            telegram.inject(.badGateway, into: "sendMessage", count: 1_000_000)
            telegram.inject(.badGateway, into: "editMessageText", count: 1_000_000)
            let mark = telegram.callCount
            telegram.say("/balance", from: alice.user)
            _ = try await telegram.waitForCall(after: mark) { $0.method == "sendMessage" && $0.status == 502 }
            let press = telegram.press("gone", on: message, in: chat, by: alice.user)
            let answer = try await telegram.waitForCall(after: mark, timeout: .seconds(10)) {
                $0.method == "answerCallbackQuery" && $0.callbackQueryID == press
            }
            #expect(answer.delivered && answer.text == "This button no longer works: open the menu again.")

            // An answer Telegram did not take stays stored: after a restart it is sent, and only once.
            telegram.inject(.badGateway, into: "answerCallbackQuery", count: 1_000_000)
            let second = telegram.press("gone", on: message, in: chat, by: alice.user)
            _ = try await telegram.waitForCall(after: mark) { $0.callbackQueryID == second && $0.status == 502 }
            await stage.stopBot()
            telegram.heal()
            try stage.startBot()
            _ = try await telegram.waitForCall(after: mark) { $0.callbackQueryID == second && $0.delivered }
            _ = try await telegram.waitForCall(after: mark) { $0.method == "sendMessage" && $0.chat == 801 && $0.delivered }
            let answers = telegram.calls.filter { $0.method == "answerCallbackQuery" && $0.delivered }
            #expect(answers.compactMap(\.callbackQueryID) == [press, second])
            #expect(telegram.calls.filter { $0.delivered && $0.text?.hasPrefix("💰") == true }.count == 1)
        }
    }
}
