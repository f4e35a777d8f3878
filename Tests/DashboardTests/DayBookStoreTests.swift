import Engine
import Foundation
import GRDB
import Testing
@testable import Dashboard

/// The day book's saved state and its active-player windows, on a ledger of eight players over half a
/// year: busy weeks, a month's silence, and more than 60 quiet days before the last payment.
@Suite("The day book resumes from its tables, and counts active players as the journal says")
struct DayBookStoreTests {
    static let firstDay: Int64 = 20000
    static let players = (0..<8).map { "p\($0)" }

    /// Who pays on day `day` (counted from `firstDay`): none on the quiet days, else an irregular few.
    static func payers(on day: Int64) -> [String] {
        if (40..<75).contains(day) || (100..<170).contains(day) || day > 170 { return [] }
        return players.indices.filter { (Int64($0) * 5 + day * 3) % 11 < 3 }.map { players[$0] }
    }

    static func ledger(at path: String = scratchPath()) async throws -> (Engine, ManualClock) {
        let clock = ManualClock(firstDay * DayBook.dayMilliseconds + 3_600_000)
        let engine = try Engine(path: path, clock: clock)
        for name in players {
            try await admin(engine, .openAccount(name: name, kind: .player))
            try await admin(engine, .mint(to: name, asset: "TIX", amount: 1_000_000))
        }
        return (engine, clock)
    }

    /// Each payer pays the next player twice on each of `days` (day 0 is today on the clock), and the
    /// first payer of a day burns 1 and pays the treasury 2: fees by source and destination.
    static func trade(_ engine: Engine, _ clock: ManualClock, days: Range<Int64>) async throws {
        for day in days {
            for payer in payers(on: day) {
                let next = players[(players.firstIndex(of: payer)! + 1) % players.count]
                for amount: Int64 in [10, 20] { try await admin(engine, .transfer(from: payer, to: next, asset: "TIX", amount: amount)) }
            }
            if let payer = payers(on: day).first {
                try await admin(engine, .post(legs: [
                    Posting(from: payer, to: "sink", asset: "TIX", amount: 1), Posting(from: payer, to: "treasury", asset: "TIX", amount: 2),
                ]))
            }
            clock.advance(by: DayBook.dayMilliseconds)
        }
    }

    @Test("WAU, MAU and churn equal a count of the players who paid, straight from the postings")
    func windowsMatchBruteForce() async throws {
        let (engine, clock) = try await Self.ledger()
        defer { engine.close() }
        try await Self.trade(engine, clock, days: 0..<200)
        // Small steps: the days' windows close across many reads.
        let book = try DayBook(reader: engine.reader, postingsPerStep: 7).read()
        #expect(try DayBook(reader: engine.reader).read() == book, "one read or many, the same")
        let range = Self.firstDay...(Self.firstDay + 240)
        let table = try ActivitySeries().table(in: SeriesContext(reader: engine.reader, book: book, range: range))
        func column(_ name: String) -> [String] {
            let index = table.columns.firstIndex(of: name)!
            return table.rows.map { $0[index].text }
        }

        let paid = try engine.reader.aggregate { db in
            try Row.fetchAll(db, sql: """
                SELECT j.at / ? AS day, a.name FROM postings p JOIN journal j ON j.seq = p.seq
                JOIN accounts a ON a.id = p.debit_id WHERE a.kind = 'player'
                """, arguments: [DayBook.dayMilliseconds])
        }.reduce(into: [Int64: Set<String>]()) { $0[$1["day"], default: []].insert($1["name"]) }
        func union(_ days: ClosedRange<Int64>) -> Set<String> { days.reduce(into: []) { $0.formUnion(paid[$1] ?? []) } }
        #expect(column("dau") == range.map { String(paid[$0]?.count ?? 0) })
        #expect(column("wau") == range.map { String(union($0 - 6...$0).count) })
        #expect(column("mau") == range.map { String(union($0 - 29...$0).count) })
        #expect(column("churned") == range.map { String(union($0 - 59...$0 - 30).subtracting(union($0 - 29...$0)).count) })
        #expect(column("churned").contains { $0 != "0" } && column("wau").contains("0"), "the ledger has churn and quiet weeks")
    }

    @Test("a restarted book reads only what was committed while it was down, and ends where a fresh read does")
    func resumes() async throws {
        let path = scratchPath()
        let (engine, clock) = try await Self.ledger(at: path)
        defer { engine.close() }
        try await Self.trade(engine, clock, days: 0..<50)
        let before = try DayBook(reader: engine.reader, store: DayBookStore(path: path), postingsPerStep: 9, saveInterval: .zero).read()
        let saved = try DayBookStore(path: path).load()
        let postings = try engine.reader.aggregate { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM postings") }
        #expect(saved.cursor.posting == postings, "saved up to the last posting read")
        #expect(saved.snapshot == before, "saved as read")

        // Committed while the dashboard was down: the month's silence, then busy days again.
        try await Self.trade(engine, clock, days: 50..<120)
        let restarted = DayBook(reader: engine.reader, store: try DayBookStore(path: path))
        let resumed = try restarted.read()
        #expect(resumed == (try DayBook(reader: engine.reader).read()), "the same as one read of the whole ledger")
        #expect(resumed != before)

        try await Self.trade(engine, clock, days: 120..<180)
        #expect(try restarted.read() == (try DayBook(reader: engine.reader).read()), "and it keeps up")
        #expect(try DayBook(reader: engine.reader, store: DayBookStore(path: path)).read() == (try restarted.read()))

        // What a restart shows of the days already read comes from the tables, not from the postings.
        let store = try DayBookStore(path: path)
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE dashboard_days SET totals = json_set(totals, '$.volume', 4242) WHERE day = ?", arguments: [Self.firstDay])
        }
        #expect(try DayBook(reader: engine.reader, store: store).read().days[Self.firstDay]?.volume == 4242)
    }

    @Test("a page read after each commit saves at most once a step's postings or a minute, and a restart re-reads the rest")
    func savesSeldom() async throws {
        let path = scratchPath()
        let (engine, clock) = try await Self.ledger(at: path)
        defer { engine.close() }
        func savedCursor() throws -> Int64? {
            try engine.reader.aggregate { try Int64.fetchOne($0, sql: "SELECT posting FROM dashboard_cursor") }
        }
        func lastPosting() throws -> Int64 {
            try engine.reader.aggregate { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM postings") ?? 0 }
        }
        try await Self.trade(engine, clock, days: 0..<10)
        let book = DayBook(reader: engine.reader, store: try DayBookStore(path: path), postingsPerStep: 150, saveInterval: .seconds(3600))
        _ = try book.read()
        let first = try #require(try savedCursor())
        #expect(first == (try lastPosting()), "the first read of a process saves what it read (here in one step)")

        // Fewer than a step's postings, read page by page: nothing is written.
        try await Self.trade(engine, clock, days: 10..<12)
        try #require(try lastPosting() - first < 150)
        _ = try book.read()
        #expect(try savedCursor() == first)

        // A restart now re-reads the unsaved days and ends where a fresh read of the whole ledger does.
        #expect(try DayBook(reader: engine.reader, store: DayBookStore(path: path)).read() == (try DayBook(reader: engine.reader).read()))

        // A step's worth of postings is saved, however soon after the last save.
        try await Self.trade(engine, clock, days: 12..<40)
        try #require(try lastPosting() - first >= 150)
        _ = try book.read()
        #expect(try savedCursor()! > first)
        #expect(try lastPosting() - (try savedCursor()!) < 150, "at most a step left unsaved")
    }
}
