import GRDB
import Testing
@testable import Engine

@Suite("The writer's lookups seek through indexes: no scan, no sort, no second prepare")
struct WriterIndexTests {
    /// A book of `orders` alternating sides, at a few prices, for account 100 and others.
    private func book(_ orders: Int) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO accounts (id, name, kind, created_at) VALUES (100, 'alice', 'player', 0), (101, 'bob', 'player', 0);
                INSERT INTO assets (id, code, kind, scale) VALUES (100, 'ore', 'raw', 0);
                """)
            for n in 0..<orders {
                try db.execute(
                    sql: """
                        INSERT INTO orders (seq, account_id, asset_id, side, price, quantity, remaining, state, placed_at)
                        VALUES (1, ?, 100, ?, ?, 1, 1, 'open', 0)
                        """,
                    arguments: [100 + n % 2, n % 2 == 0 ? "buy" : "sell", n % 2 == 0 ? 90 + n % 5 : 110 + n % 5])
            }
        }
        return queue
    }

    private func plan(_ query: String) throws -> String {
        try book(0).read { db in
            try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query, adapter: SuffixRowAdapter(fromIndex: 3)).joined(separator: "\n")
        }
    }

    @Test("the best bid is the first entry of the bids' index: oldest first at the highest price, with no sort")
    func bestBid() throws {
        let plan = try plan("""
            SELECT o.id FROM orders o JOIN accounts a ON a.id = o.account_id
            WHERE o.asset_id = 1 AND o.side = 'buy' AND o.state = 'open' AND o.price >= 5
              AND (o.expires_at IS NULL OR o.expires_at > 7)
            ORDER BY o.price DESC, o.id LIMIT 1
            """)
        #expect(plan.contains("USING INDEX orders_bids") && !plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test("a player's factories are counted through an index, not by reading every factory")
    func factoriesByOwner() throws {
        let plan = try plan("SELECT COUNT(*) FROM factories WHERE owner_id = 7")
        #expect(plan.contains("USING COVERING INDEX factories_by_owner"), "\(plan)")
    }

    @Test("matching and the self-trade check, by turns on both sides, answer right and are never prepared again")
    func noReprepare() throws {
        let (answers, reprepared) = try book(40).write { db in
            let statements = StatementCache()
            let store = OrderStore(db: HotConnection(db, statements: statements))
            var answers: [Bool] = []
            for round in 0..<10 {
                // alice (100) bids 90...94 and bob (101) asks 110...114.
                answers += [
                    try store.best(.buy, assetID: 100, crossing: 80, at: 0)?.price == 94,
                    try store.best(.sell, assetID: 100, crossing: 120, at: 0)?.price == 110,
                    try store.crossesOwn(.buy, accountID: 100, assetID: 100, limit: 94 - Int64(round % 2), at: 0),
                    try !store.crossesOwn(.buy, accountID: 100, assetID: 100, limit: 95, at: 0),
                    try store.crossesOwn(.sell, accountID: 101, assetID: 100, limit: 110 + Int64(round % 2), at: 0),
                    try !store.crossesOwn(.sell, accountID: 100, assetID: 100, limit: 200, at: 0),
                ]
            }
            return (answers, statements.reprepared)
        }
        #expect(answers == Array(repeating: true, count: 60))
        #expect(reprepared == 0)
    }

    @Test("finished crafts and an inventor's open proposals are read through their partial indexes (rewritten in v19)")
    func partialIndexesServe() throws {
        let crafts = try plan("""
            SELECT finished_seq, id FROM jobs
            WHERE finished_seq IS NOT NULL AND state = 'done' AND kind = 'craft' AND (finished_seq, id) > (1, 2)
            ORDER BY finished_seq, id LIMIT 5
            """)
        #expect(crafts.contains("USING INDEX jobs_by_finish"), "\(crafts)")
        #expect(!crafts.contains("TEMP B-TREE"), "\(crafts)")
        let proposals = try plan("""
            SELECT COUNT(*) FROM proposals WHERE inventor_id = 1 AND id != 2
              AND (state = 'pending' OR state = 'active' OR state = 'approved')
            """)
        #expect(proposals.contains("USING INDEX proposals_open"), "\(proposals)")
    }
}
