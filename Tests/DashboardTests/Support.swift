import Engine
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A fresh database file per test: Swift Testing runs tests in parallel.
func scratchPath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tix-dashboard-\(UUID())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ledger.sqlite").path
}

/// Submits as the admin with a fresh key.
@discardableResult
func admin(_ engine: Engine, _ command: Command) async throws -> Receipt {
    try await engine.submit(Submission(actor: Submission.admin, key: UUID().uuidString, command: command))
}

/// GETs a loopback URL: its status and body.
func get(_ url: String) async throws -> (status: Int, body: String) {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}

/// A CSV file's rows as cells; every row has as many cells as the header (no quoted commas in these).
/// `"\r\n"` is one `Character`: one `dropLast()` takes the final line break.
func parseCSV(_ text: String) throws -> [[String]] {
    guard text.hasSuffix("\r\n") else { throw CSVProblem.unterminated }
    let rows = text.dropLast().components(separatedBy: "\r\n").map { $0.components(separatedBy: ",") }
    guard let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else { throw CSVProblem.ragged }
    return rows
}

enum CSVProblem: Error { case unterminated, ragged }
