import Bot
import Engine
import Foundation
import GRDB
import LocalTelegram
import TestSupport
import Testing

@Suite("Updates whose handling keeps failing are set aside")
struct DeadLetterTests {
    @Test("an update failing every time becomes a dead letter, is confirmed, and the others go on; tix bot dead-letters lists it")
    func poisonedUpdate() async throws {
        try await withStage { stage in
            let telegram = stage.telegram
            let alice = Player(stage, id: 831, username: "alice", firstName: "Alice")
            try await alice.send("/start")
            // Linking user 832 to an account fails, every time, as a broken disk or a bug would make it.
            let database = try DatabaseQueue(path: stage.path)
            try await database.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER poison BEFORE INSERT ON bot_players WHEN NEW.user_id = 832
                    BEGIN SELECT RAISE(ABORT, 'poisoned link'); END
                    """)
            }
            try database.close()
            let mark = telegram.callCount
            let poisoned = telegram.say("/start", from: LocalUser(id: 832, username: "mallory", firstName: "M"))
            let bob = Player(stage, id: 833, username: "bob", firstName: "Bob")
            #expect(try await bob.send("/start").text?.hasPrefix("Welcome") == true)
            let apology = try await telegram.waitForCall(after: mark) { $0.chat == 832 && $0.delivered }
            #expect(apology.text?.hasPrefix("⚠️ Something went wrong") == true)
            try await telegram.waitUntil { telegram.unconfirmed == 0 }

            let letters = try DeadLetters.list(engine: stage.engine)
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.updateID == poisoned.update && letter.chat == 832 && letter.user == 832 && letter.content == "/start")
            #expect(letter.attempts == 5 && letter.error.contains("poisoned link"))
            #expect(try await alice.send("/balance").text?.hasPrefix("💰") == true, "the bot goes on")

            let tix = try Child(
                tixBinary, ["bot", "dead-letters", "--json", "--db", stage.path, "--rules", shippedRules.path], stdout: .pipe)
            #expect(try await tix.status(within: .seconds(60)) == .exited(0))
            let output = try #require(tix.stdout).readDataToEndOfFile()
            #expect(try JSONDecoder().decode([DeadLetter].self, from: output) == letters)
        }
    }
}
