import Foundation
import GRDB
import Testing
@testable import Engine

@Suite("Control characters in text")
struct PlainTextTests {
    @Test("a name, code, key or memo holding a control character is refused by the engine, names the field, and changes nothing",
          arguments: [
            (Command.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "for\0you"), "k", "memo"),
            (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "line one\nline two"), "k", "memo"),
            (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "tab\there"), "k", "memo"),
            (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "\u{1B}[31mred"), "k", "memo"),
            (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "next\u{85}line"), "k", "memo"),
            (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "para\u{2029}graph"), "k", "memo"),
            (.transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "evil\u{202E}txt.exe"), "k", "memo"),
            (.transfer(from: "alice", to: "bob\0", asset: "TIX", amount: 5), "k", "account name"),
            (.openAccount(name: "carol\0", kind: .player), "k", "account name"),
            (.defineAsset(Asset(code: "gold\0", kind: .raw, scale: 0)), "k", "item code"),
            (.buildFactory(account: "alice", name: "Smi\0thy"), "k", "factory name"),
            (.buildFactory(account: "alice", name: "Smithy\r"), "k", "factory name"),
            (.mint(to: "alice", asset: "TIX", amount: 5), "k\0ey", "idempotency key"),
            (.mint(to: "alice", asset: "TIX", amount: 5), "k\ney", "idempotency key"),
          ] as [(Command, String, String)])
    func refused(command: Command, key: String, field: String) async throws {
        let path = scratchPath()
        let engine = try Engine(path: path)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) {
            try await admin(engine, command, key: key)
        }
        #expect(error == .controlCharacter(in: field))
        #expect(error?.description.contains("The \(field) holds a control character") == true)
        #expect(error?.description.unicodeScalars.allSatisfy(PlainText.isPlain) == true, "the refusal echoes no control character")
        #expect(try Snapshot(engine) == before)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("plain text in any script, emoji included, is accepted")
    func plainTextPasses() async throws {
        let path = scratchPath()
        let engine = try Engine(path: path)
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        try await engine.submit(Submission(
            actor: "alice", key: "café-☕-🎉",
            command: .transfer(from: "alice", to: "bob", asset: "TIX", amount: 5, memo: "Merci ☕ — für dich 🎉 ありがとう")))
        try await engine.submit(Submission(actor: "alice", key: "f", command: .buildFactory(account: "alice", name: "Forge 👩‍🏭")))
        #expect(try engine.reader.factories(of: "alice").map(\.name) == ["Forge 👩‍🏭"])
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("text is bound and read by its byte length: an embedded NUL is stored whole, and an empty text stays text")
    func bindingRoundTrip() throws {
        let queue = try DatabaseQueue()
        try queue.write { database in
            let db = HotConnection(database, statements: StatementCache())
            try db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
            for text in ["a\0b\0", "", "ünï\0cødé 🎉"] {
                try db.run("INSERT INTO t (value) VALUES (?)", .text(text))
                let id = db.lastInsertedRowID
                #expect(try db.first("SELECT value FROM t WHERE id = ?", .int(id)) { $0.text(0) } == text)
                #expect(try db.first("SELECT length(CAST(value AS BLOB)) FROM t WHERE id = ?", .int(id)) { $0.int(0) }
                    == Int64(text.utf8.count))
            }
        }
    }

    @Test("a rule file holding a NUL byte is journaled whole, so verify replays it and passes")
    func ruleSourceWithNUL() async throws {
        let source = "-- a stray \0 in a comment\nfunction fee(t) return 7 end\n"
        let path = scratchPath()
        let engine = try Engine(path: path, rules: try rulesDirectory(["fees.lua": source]))
        defer { engine.close() }
        try await seed(engine, players: ["alice", "bob"], tickets: 100)
        let receipt = try await admin(engine, .transfer(from: "alice", to: "bob", asset: "TIX", amount: 500))
        #expect(receipt.postings.map(\.amount) == [500, 7])
        let stored = try await DatabaseQueue(path: path).read {
            try Data.fetchOne($0, sql: "SELECT source FROM rule_versions WHERE name = 'fees.lua'")
        }
        #expect(stored == Data(source.utf8))
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }
}
