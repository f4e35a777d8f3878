import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Game servers through the bot")
struct GameSectionTests {
    @Test("/link redeems the game server's code once; /allow asks to confirm the daily allowance; /disallow withdraws it")
    func linkAndAllow() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 501, username: "alice", firstName: "Alice")
            let bob = Player(stage, id: 502, username: "bob", firstName: "Bob")
            for player in [alice, bob] { try await player.send("/start") }
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 20_000))
            try await stage.admin(.org(.create(kind: .game, name: "mc", founder: "alice")))
            let key = try #require(try await stage.admin(.api(.createKey(
                org: "mc", scopes: [.charge], secretHash: ApiKey.hash(secret: "s"), maxPerRequest: nil, dailyCap: nil, expiresAt: nil)))
                .createdID)
            try await stage.engine.submit(Submission(
                actor: ApiKey.actor(org: "mc", id: key), key: "link-1",
                command: .api(.createLink(key: key, subject: "steve-uuid", code: "K7PQ2MZA", validFor: 60_000))))

            #expect(try await bob.send("/link k7pq2mza").text == "🎮 Linked: the game server now knows your game account as you.")
            #expect(try stage.engine.reader.linkedAccount(org: "mc", subject: "steve-uuid") == "bob")
            #expect(try await alice.send("/link K7PQ2MZA").text == Rejection.unknownLinkCode.description)

            let question = try await bob.send("/allow mc 50")
            #expect(question.text == "Allow mc to charge up to 50.00 TIX a day?")
            #expect(try stage.engine.reader.allowances(player: "bob", day: 0).isEmpty)
            _ = try await bob.press("✅ Confirm", on: question)
            #expect(try stage.engine.reader.allowances(player: "bob", day: 0).map(\.daily) == [5_000])
            #expect(try await bob.send("/disallow mc").text == "✅ mc may no longer charge you.")
            #expect(try stage.engine.reader.allowances(player: "bob", day: 0).isEmpty)
        }
    }
}
