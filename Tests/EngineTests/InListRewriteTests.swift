import Foundation
import GRDB
import Testing
@testable import Engine

/// Whether compiling `sql` yields a program that builds a temporary b-tree.
private func buildsTemporaryTree(_ sql: String, in db: Database) throws -> Bool {
    try Row.fetchAll(db, sql: "EXPLAIN " + sql).contains { ($0["opcode"] as String?) == "OpenEphemeral" }
}

@Suite("Constraints without IN lists: no write builds a temporary b-tree to check a row")
struct InListRewriteTests {
    @Test("an IN list of three or more constants becomes comparisons; two, NOT IN and numbers are left alone")
    func rewrite() {
        #expect(InListRewrite.rewrite("state TEXT CHECK (state IN ('a', 'b c',\n   'd'))")
            == "state TEXT CHECK ((state = 'a' OR state = 'b c' OR state = 'd'))")
        #expect(InListRewrite.rewrite("kind IN ('a,b', 'c', 'd')") == "(kind = 'a,b' OR kind = 'c' OR kind = 'd')")
        for unchanged in ["side IN ('buy', 'sell')", "c.name NOT IN ('mint', 'sink', 'x')", "paid IN (0, 1, 2)"] {
            #expect(InListRewrite.rewrite(unchanged) == unchanged)
        }
    }

    @Test("no table's CHECK constraints or partial indexes build a temporary b-tree when a row is inserted")
    func noTemporaryTrees() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        let (tables, building, finishing) = try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let building = try tables.filter { try buildsTemporaryTree("INSERT INTO \($0) DEFAULT VALUES", in: db) }
            // The statement the job queue runs for every finished job.
            let finishing = try buildsTemporaryTree("UPDATE jobs SET state = 'done', finished_seq = 1 WHERE id = 1", in: db)
            return (tables, building, finishing)
        }
        #expect(tables.count > 30)
        #expect(building == [])
        #expect(!finishing)
    }

    @Test("the rebuilt tables keep their rows, their indexes and what their constraints refuse")
    func rebuildKeepsEverything() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v18 idempotency by key")
        let rows = """
            INSERT INTO accounts (id, name, kind, created_at) VALUES (100, 'alice', 'player', 0);
            INSERT INTO assets (id, code, kind, scale) VALUES (100, 'ore', 'raw', 0);
            INSERT INTO jobs (id, kind, due_at, state, attempts, created_seq, finished_seq, owner_id, factory_id, account, subject)
                VALUES (7, 'craft', 10, 'done', 0, 1, 2, 100, 3, 'alice', 3), (8, 'expireOrder', 20, 'pending', 1, 2, NULL, NULL, NULL, NULL, 4);
            INSERT INTO job_items (job_id, output, position, asset, amount) VALUES (7, 0, 0, 'ore', 1);
            INSERT INTO orders (id, seq, account_id, asset_id, side, price, quantity, remaining, expires_at, state, placed_at)
                VALUES (4, 2, 100, 100, 'sell', 5, 3, 3, 99, 'open', 0);
            """
        try queue.write { try $0.execute(sql: rows) }
        func snapshot(_ db: Database) throws -> [[Row]] {
            try ["jobs", "job_items", "orders"].map { try Row.fetchAll(db, sql: "SELECT * FROM \($0) ORDER BY 1, 2, 3") }
        }
        func indexes(_ db: Database) throws -> Set<String> {
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('jobs', 'orders', 'proposals')"))
        }
        let (before, indexesBefore) = try queue.read { (try snapshot($0), try indexes($0)) }
        try Schema.migrator.migrate(queue, upTo: "v19 checks without IN lists")
        let (after, indexesAfter, violations) = try queue.read { db in
            (try snapshot(db), try indexes(db), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"))
        }
        #expect(after == before)
        #expect(indexesAfter == indexesBefore.subtracting(["jobs_finished_crafts"]))
        #expect(violations.isEmpty)
        try queue.write { db in
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE jobs SET state = 'lost' WHERE id = 8")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE orders SET state = 'gone' WHERE id = 4")
            }
            try db.execute(sql: "UPDATE jobs SET state = 'failed' WHERE id = 8")
        }
    }
}
