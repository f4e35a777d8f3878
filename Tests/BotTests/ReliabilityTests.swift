import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Updates and replies survive restarts, refusals and bad data")
struct ReliabilityTests {
    @Test("a restart with replies unsent and updates unread loses none and doubles none")
    func restart() async throws {
        try await withStage { stage in
            let players = (1...12).map { Player(stage, id: 200 + Int64($0), username: "p\($0)", firstName: "P\($0)") }
            // Everyone joins while Telegram delivers nothing: the replies wait in the outbox.
            stage.telegram.inject(.badGateway, into: "sendMessage", count: 1_000_000)
            for player in players { stage.telegram.say("/start", from: player.user) }
            try await stage.telegram.waitUntil { stage.telegram.unconfirmed == 0 }
            #expect(try stage.engine.reader.accounts().filter { $0.kind == .player }.count == players.count)
            await stage.stopBot()

            // While the bot is down, everyone claims the daily gift; then Telegram recovers and the bot restarts.
            for player in players { stage.telegram.say("/daily", from: player.user) }
            stage.telegram.heal()
            try stage.startBot()
            for player in players {
                // Each chat is answered in order, so once /balance is answered, any repeat would have shown.
                let mark = stage.telegram.callCount
                stage.telegram.say("/balance", from: player.user)
                let balance = try await stage.telegram.waitForCall(after: mark) {
                    $0.chat == player.user.id && $0.delivered && $0.text?.hasPrefix("💰") == true
                }
                #expect(balance.text == "💰 \(player.user.firstName): 10.00 TIX")
                let delivered = stage.telegram.calls.filter { $0.chat == player.user.id && $0.method == "sendMessage" && $0.delivered }
                #expect(delivered.compactMap(\.text?.first).map(String.init) == ["W", "🎁", "💰"], "\(delivered.map(\.text))")
            }
            let journal = try stage.engine.reader.journal(from: 1, limit: 1000).filter { $0.actor != Submission.admin }
            #expect(journal.count == 2 * players.count, "one account and one gift each")
            #expect(Set(journal.map { "\($0.actor) \($0.key)" }).count == journal.count)
        }
    }

    @Test("a 429 is waited out as asked, 5xx answers are retried, and each reply arrives once")
    func refusals() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 301, username: "alice", firstName: "Alice")
            stage.telegram.inject(.badGateway, into: "getUpdates", count: 2)
            stage.telegram.inject(.serverErrorAfterDoing, into: "getUpdates")
            stage.telegram.inject(.tooManyRequests(retryAfter: 1), into: "sendMessage")
            stage.telegram.inject(.badGateway, into: "sendMessage", count: 2)
            let welcome = try await alice.send("/start")
            #expect(welcome.text?.hasPrefix("Welcome, Alice!") == true)
            let sends = stage.telegram.calls.filter { $0.method == "sendMessage" && $0.chat == 301 }
            #expect(sends.map(\.status) == [429, 502, 502, 200])
            #expect(sends[1].at - sends[0].at >= .seconds(1), "retry_after is honoured")
            #expect(try stage.entries() == 1, "the update handed out under a 500 was handled once")

            // Telegram carried out a send but answered 500: the bot cannot know, sends again, never zero times.
            stage.telegram.inject(.serverErrorAfterDoing, into: "sendMessage")
            let balance = try await alice.send("/balance")
            let tries = stage.telegram.calls.filter { $0.method == "sendMessage" && $0.text == balance.text }
            #expect(tries.map(\.status) == [500, 200])
            #expect(tries.compactMap(\.messageID).count == 2)
        }
    }

    @Test("malformed, foreign and bots' updates are skipped and confirmed; the good one is answered")
    func malformed() async throws {
        try await withStage { stage in
            let telegram = stage.telegram
            telegram.deliverRaw { #"{"update_id":\#($0),"message":{"text":"/start"}}"# }
            telegram.deliverRaw { #"{"update_id":\#($0),"edited_message":{"message_id":1,"chat":{"id":401,"type":"private"},"date":0,"text":"/start"}}"# }
            telegram.deliverRaw { #"{"update_id":\#($0),"callback_query":{"id":"x","from":{"id":401,"is_bot":false,"first_name":"A"}}}"# }
            telegram.deliverRaw { #"{"update_id":\#($0),"message":{"message_id":2,"from":{"id":402,"is_bot":true,"first_name":"R"},"chat":{"id":402,"type":"private"},"date":0,"text":"/start"}}"# }
            telegram.deliverRaw { _ in "42" }
            telegram.deliverRaw { _ in #"{"update_id":"seven"}"# }
            telegram.deliverRaw { #"{"update_id":\#($0),"message":{"message_id":3,"from":{"id":403},"chat":{"id":403,"type":"private"},"date":0,"text":"/start"}}"# }
            let alice = Player(stage, id: 404, username: "alice", firstName: "Alice")
            #expect(try await alice.send("/start").text?.hasPrefix("Welcome") == true)
            try await telegram.waitUntil { telegram.unconfirmed == 0 }
            #expect(try stage.entries() == 1, "only alice joined")
            #expect(telegram.calls.filter { $0.method == "sendMessage" }.compactMap(\.chat) == [404])
        }
    }

    @Test("a token Telegram refuses stops the bot with words for the operator")
    func refusedToken() async throws {
        try await withLocalTelegram { _, url in
            let engine = try Engine(path: scratchPath())
            defer { engine.close() }
            let bot = TelegramBot(engine: engine, settings: BotSettings(token: "not-the-token", apiURL: url))
            let error = await #expect(throws: BotError.self) { try await bot.run() }
            #expect(error?.description.contains("401") == true)
        }
    }

    @Test("webhook mode: updates arrive by POST with the secret token; a call without it changes nothing")
    func webhook() async throws {
        try await withStage(webhook: true) { stage in
            let alice = Player(stage, id: 501, username: "alice", firstName: "Alice")
            let welcome = try await alice.send("/start")
            #expect(welcome.text?.hasPrefix("Welcome") == true)
            #expect(try await alice.press("🎯 Tap", on: welcome).message?.text?.contains("streak 1") == true)
            let url = try #require(stage.telegram.webhookURL)
            let before = try stage.entries()
            for secret in ["wrong", nil] {
                var request = URLRequest(url: try #require(URL(string: url)))
                request.httpMethod = "POST"
                request.httpBody = Data(#"{"update_id":999,"message":{"message_id":50,"from":{"id":501,"is_bot":false,"first_name":"A"},"chat":{"id":501,"type":"private"},"date":0,"text":"/daily"}}"#.utf8)
                request.setValue(secret, forHTTPHeaderField: "X-Telegram-Bot-Api-Secret-Token")
                let (_, response) = try await URLSession.shared.data(for: request)
                #expect((response as? HTTPURLResponse)?.statusCode == 401)
            }
            #expect(try stage.entries() == before)
        }
    }
}
