import Bot
import Foundation
import LocalTelegram
import TestSupport
import Testing

@Suite("Polling through Telegram's refusals")
struct PollingFaultTests {
    @Test("a 429 on getUpdates is waited out for its retry_after")
    func tooManyRequests() async throws {
        try await withStage { stage in
            let telegram = stage.telegram
            let alice = Player(stage, id: 821, username: "alice", firstName: "Alice")
            telegram.inject(.tooManyRequests(retryAfter: 2), into: "getUpdates")
            #expect(try await alice.send("/start").text?.hasPrefix("Welcome") == true)
            let polls = telegram.calls.filter { $0.method == "getUpdates" }
            let refused = try #require(polls.firstIndex { $0.status == 429 })
            let next = try #require(polls.dropFirst(refused + 1).first)
            #expect(next.at - polls[refused].at >= .seconds(2), "retry_after is honoured")
        }
    }

    @Test("a 401 or two on getUpdates are waited out; the bot goes on")
    func unauthorizedBlip() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 822, username: "alice", firstName: "Alice")
            stage.telegram.inject(.unauthorized, into: "getUpdates", count: 2)
            let welcome = try await alice.send("/start")
            #expect(welcome.text?.hasPrefix("Welcome") == true)
            #expect(stage.telegram.calls.filter { $0.method == "getUpdates" && $0.status == 401 }.count == 2)
        }
    }

    @Test("a token revoked while polling stops the bot after three 401s in a row, with words for the operator")
    func revokedToken() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 823, username: "alice", firstName: "Alice")
            try await alice.send("/start")
            stage.telegram.inject(.unauthorized, into: "getUpdates", count: 1_000_000)
            stage.telegram.say("/daily", from: alice.user)
            let ended = try await stage.botEnded(within: .seconds(20))
            let error = try #require(ended.failure(as: BotError.self))
            #expect(error.description.hasPrefix("Telegram refused the bot token (401 Unauthorized, 3 times in a row"))
            #expect(stage.telegram.calls.filter { $0.method == "getUpdates" && $0.status == 401 }.count == 3)
        }
    }

    @Test("tix serve exits non-zero with a clear line when the token is revoked")
    func serveExitsOnRevokedToken() async throws {
        try await withLocalTelegram { telegram, url in
            telegram.inject(.unauthorized, into: "getUpdates", count: 1_000_000)
            let serve = try launchTix(["serve", "--db", scratchPath(), "--rules", shippedRules.path], telegram: url, stderr: .pipe)
            let status = try await serve.status(within: .seconds(60))
            let log = String(decoding: try #require(serve.stderr).readDataToEndOfFile(), as: UTF8.self)
            #expect(status != .exited(0))
            #expect(log.contains("Telegram bot stopped: Telegram refused the bot token (401 Unauthorized, 3 times in a row"), "\(log)")
        }
    }
}

extension Result {
    /// The failure, if it is of type `E`.
    func failure<E: Error>(as type: E.Type) -> E? {
        if case .failure(let error) = self { error as? E } else { nil }
    }
}
