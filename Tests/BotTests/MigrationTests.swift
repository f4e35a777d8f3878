import Bot
import Engine
import Foundation
import GRDB
import LocalTelegram
import Testing

@Suite("The bot's tables under its own migrations")
struct MigrationTests {
    @Test("the engine alone makes no bot tables; the bot makes its own in the same file")
    func layering() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path)
        let tables = {
            try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        }
        #expect(try !tables().contains { $0.hasPrefix("bot_") })
        #expect(try DeadLetters.list(engine: engine) == [])
        #expect(try tables().contains("bot_dead_letters") && tables().contains("bot_players"))
        engine.close()
    }

    @Test("no bot table builds a temporary b-tree to check a row it inserts (no IN list of three or more in a CHECK)")
    func noTemporaryTrees() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path)
        _ = try DeadLetters.list(engine: engine)  // opens the bot's tables
        engine.close()
        let building = try await DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'bot_%'").filter { table in
                try Row.fetchAll(db, sql: "EXPLAIN INSERT INTO \(table) DEFAULT VALUES").contains { ($0["opcode"] as String?) == "OpenEphemeral" }
            }
        }
        #expect(building == [])
    }

    @Test("a database the previous release migrated (bot tables under the engine's migrator) keeps working")
    func previousRelease() async throws {
        let path = scratchPath()
        let old = try DatabaseQueue(path: path)
        try await old.writeWithoutTransaction { try $0.execute(sql: try String(contentsOf: ledgerV1, encoding: .utf8)) }
        try old.close()
        try await withStage(path: path) { stage in
            // alice and bob joined in the old release; carol pays alice by @username, found in the old links.
            let carol = Player(stage, id: 841, username: "carol", firstName: "Carol")
            try await carol.send("/start")
            try await stage.admin(.mint(to: "carol", asset: "TIX", amount: 500))
            #expect(try await carol.send("/pay @alice 1").text?.hasPrefix("Pay 1.00 TIX to alice?") == true)
            #expect(try DeadLetters.list(engine: stage.engine) == [])
            #expect(try stage.engine.reader.invariantViolations() == [])
        }
        let migrations = try await DatabaseQueue(path: path).read { try String.fetchSet($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.isSuperset(of: ["v4 bot", "v5 production", "v6 bot notices", "v8 finished crafts index", "bot dead letters"]))
        #expect(try Verifier().verify(path: path).ok)
    }
}
