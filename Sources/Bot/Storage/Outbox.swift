import GRDB

/// Requests to Telegram that must not be lost, and the next update to ask for.
///
/// A batch of updates is confirmed by storing its replies here together with the new offset, in one
/// transaction, after the engine has committed the updates' effects. A crash before that commit makes
/// Telegram send the updates again, and the engine's idempotency keys turn them into the same receipts;
/// a crash after it leaves the replies here for the sender to deliver on the next start.
struct Outbox: Sendable {
    let database: BotDatabase

    /// A stored request: a Bot API method and its JSON parameters.
    struct Item: Sendable, Hashable {
        var id: Int64
        var chat: Int64
        var method: String
        var body: String
    }

    /// The first update id not yet confirmed; 0 before the first.
    func offset() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT next_update FROM bot_offset") ?? 0 }
    }

    /// Stores requests and dead letters and, when polling, moves the offset past the updates they
    /// answer, together.
    func commit(_ handled: UpdateHandler.Handled, offset: Int64?) throws -> [Item] {
        try database.write { db in
            try DeadLetters.insert(handled.deadLetters, db)
            if let offset {
                try db.execute(
                    sql: """
                        INSERT INTO bot_offset (id, next_update) VALUES (1, ?)
                        ON CONFLICT (id) DO UPDATE SET next_update = max(next_update, excluded.next_update)
                        """,
                    arguments: [offset])
            }
            return try Self.insert(handled.requests, db)
        }
    }

    /// Stores requests within the caller's transaction.
    static func insert(_ requests: [Outgoing], _ db: Database) throws -> [Item] {
        try requests.map { request in
            try db.execute(
                sql: "INSERT INTO bot_outbox (chat_id, method, body) VALUES (?, ?, ?)",
                arguments: [request.chat, request.method.rawValue, request.body])
            return Item(id: db.lastInsertedRowID, chat: request.chat, method: request.method.rawValue, body: request.body)
        }
    }

    /// Everything not delivered yet, oldest first.
    func pending() throws -> [Item] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM bot_outbox ORDER BY id").map {
                Item(id: $0["id"], chat: $0["chat_id"], method: $0["method"], body: $0["body"])
            }
        }
    }

    /// Forgets delivered (or definitively refused) requests.
    func remove(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM bot_outbox WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(ids))
        }
    }
}
