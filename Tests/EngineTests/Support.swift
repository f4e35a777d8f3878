import Foundation
import TestSupport
import Testing
@testable import Engine

/// A fresh database file per test: Swift Testing runs tests in parallel.
func scratchPath(_ name: String = #function) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tix-tests-\(UUID())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ledger.sqlite").path
}

/// Submits as the admin with a fresh key.
@discardableResult
func admin(_ engine: Engine, _ command: Command, key: String = UUID().uuidString) async throws -> Receipt {
    try await engine.submit(Submission(actor: Submission.admin, key: key, command: command))
}

/// Opens players with `tickets` whole tickets each.
func seed(_ engine: Engine, players: [String], tickets: Int64) async throws {
    for name in players {
        try await admin(engine, .openAccount(name: name, kind: .player))
        if tickets > 0 { try await admin(engine, .mint(to: name, asset: "TIX", amount: tickets * 100)) }
    }
}

func tix(_ engine: Engine, _ name: String) throws -> Int64 {
    try engine.reader.balance(of: name, asset: "TIX")
}

/// Everything a refused command must leave untouched.
struct Snapshot: Equatable {
    var journal: [JournalEntry]
    var balances: [String: [Holding]]

    init(_ engine: Engine) throws {
        journal = try engine.reader.journal(from: 1, limit: 1_000_000)
        balances = try Dictionary(uniqueKeysWithValues: engine.reader.accounts().map { ($0.name, try engine.reader.balances(of: $0.name)) })
    }
}

/// Submits as `actor` with a fresh key.
@discardableResult
func act(_ engine: Engine, _ actor: String, _ command: Command) async throws -> Receipt {
    try await engine.submit(Submission(actor: actor, key: UUID().uuidString, command: command))
}

/// The refusal of a command, with proof that it changed nothing.
func refusal(_ engine: Engine, _ actor: String, _ command: Command) async throws -> Rejection? {
    let before = try Snapshot(engine)
    do {
        try await act(engine, actor, command)
        return nil
    } catch let rejection as Rejection {
        #expect(try Snapshot(engine) == before)
        return rejection
    }
}

/// The ledger is sound and `tix verify` replays it to the same state.
func expectSound(_ engine: Engine) throws {
    #expect(try engine.reader.invariantViolations() == [])
    let report = try Verifier().verify(path: engine.path)
    #expect(report.ok, "\(report.problems)")
}
