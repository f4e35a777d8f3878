import GRDB
import Testing
@testable import Engine

/// The facts `may_vote(v)` and `invite(c)` see, tallied in one pass over the postings, must be what
/// their definitions say account by account. The definitions are written here as the per-account SQL
/// the engine used to run.
@Suite("Voter facts")
struct VoterFactsTests {
    @Test("one pass over the postings gives each player the payments, spending, fees and sources its own postings say")
    func tallyMatchesDefinitions() async throws {
        let clock = ManualClock()
        let path = scratchPath()
        let engine = try await parliament(clock: clock, path: path)
        // erin has only ever been minted to (one source); frank is paid by two players; gus by one
        // player, twice; hal has nothing. alice's deposit goes to escrow; dave pays an org.
        try await seed(engine, players: ["erin", "frank", "gus", "hal"], tickets: 10)
        try await admin(engine, .openAccount(name: "guild", kind: .org))
        try await pay(engine, "alice", "frank", 300)
        try await pay(engine, "bob", "frank", 20)
        try await pay(engine, "carol", "gus", 400)
        try await pay(engine, "carol", "gus", 50)
        try await pay(engine, "dave", "guild", 700)
        try await propose(engine)
        engine.close()

        try await DatabaseQueue(path: path).read { database in
            let db = HotConnection(database, statements: StatementCache())
            let ledger = Ledger(rules: try RuleSet())
            let players = try db.all("SELECT id, name, created_at FROM accounts WHERE kind = 'player' ORDER BY id") {
                (id: $0.int(0), name: $0.text(1), createdAt: $0.int(2))
            }
            #expect(players.count == 8)
            let facts = try ledger.voterFacts(of: players, at: clock.now(), db)
            let escrow = try #require(try db.first("SELECT id FROM accounts WHERE name = 'escrow'") { $0.int(0) })
            var seen = Set<[Int64]>()
            for (player, fact) in zip(players, facts) {
                let (payments, spent) = try #require(try db.first(
                    """
                    SELECT COUNT(CASE WHEN c.kind != 'system' THEN 1 END), COALESCE(SUM(CASE WHEN p.credit_id != ? THEN p.amount END), 0)
                    FROM postings p JOIN accounts c ON c.id = p.credit_id WHERE p.debit_id = ? AND p.asset_id = 1
                    """,
                    .int(escrow), .int(player.id)) { ($0.int(0), $0.int(1)) })
                let sources = try #require(try db.first(
                    "SELECT COUNT(DISTINCT debit_id) FROM postings WHERE credit_id = ? AND asset_id = 1 AND debit_id != ?",
                    .int(player.id), .int(escrow)) { $0.int(0) })
                let fees = try #require(try db.first(
                    """
                    SELECT COALESCE(SUM(amount), 0) FROM postings
                    WHERE debit_id = ? AND credit_id IN (SELECT id FROM accounts WHERE name IN ('sink', 'treasury')) AND asset_id = 1
                    """,
                    .int(player.id)) { $0.int(0) })
                #expect(fact.payments == payments, "\(player.name)")
                #expect(fact.spent == spent, "\(player.name)")
                #expect(fact.activity.feesPaid == fees, "\(player.name)")
                #expect(fact.singleSource == (sources <= 1), "\(player.name)")
                #expect(try ledger.inviteFacts(player.name, player.id, db).feesPaid == fees, "\(player.name), tallied alone")
                seen.insert([payments, spent, fees, sources])
            }
            // The ledger above is varied enough to tell the facts apart.
            #expect(Set(facts.map(\.singleSource)) == [true, false])
            #expect(facts.contains { $0.spent > $0.activity.feesPaid && $0.activity.feesPaid > 0 })
            #expect(seen.count >= 6)
        }
    }
}
