import GRDB

/// The delivery side of the outbox: what the worker reads and records, and what `tix webhook` inspects
/// and replays. Delivery progress is operational state, outside the journal: it is written straight to
/// the database (through the engine's own writer connection, so it queues behind commits and never
/// makes the engine reload its caches), and `tix verify` leaves it out of the state hash.
public struct WebhookOutbox: Sendable {
    let pool: DatabasePool

    /// Pending deliveries due at `now`, oldest first.
    public func due(now: Int64, limit: Int = 100) throws -> [DueDelivery] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, e.url, e.secret, d.body, d.attempts FROM webhook_deliveries d
                    JOIN webhook_endpoints e ON e.id = d.endpoint_id
                    WHERE d.state = 'pending' AND d.next_at <= ? ORDER BY d.next_at, d.rowid LIMIT ?
                    """,
                arguments: [now, limit]
            ).map { DueDelivery(id: $0[0], url: $0[1], secret: $0[2], body: $0[3], attempts: $0[4]) }
        }
    }

    /// When the next pending delivery falls due, if any.
    public func nextDue() throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MIN(next_at) FROM webhook_deliveries WHERE state = 'pending'") }
    }

    /// Records one attempt. Only a pending delivery changes: one removed meanwhile stays failed.
    public func record(_ id: String, _ outcome: DeliveryOutcome) throws {
        try pool.write { db in
            switch outcome {
            case .delivered(let status, let at):
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_status = ?,
                        last_error = NULL, delivered_at = ? WHERE id = ? AND state = 'pending'
                        """,
                    arguments: [status, at, id])
            case .retry(let status, let error, let next):
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?, next_at = ?
                        WHERE id = ? AND state = 'pending'
                        """,
                    arguments: [status, error, next, id])
            case .failed(let status, let error):
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET state = 'failed', attempts = attempts + 1, last_status = ?, last_error = ?
                        WHERE id = ? AND state = 'pending'
                        """,
                    arguments: [status, error, id])
            }
        }
    }

    /// Sends a delivery again, under the same id, from its first attempt on: a failed one, or a delivered
    /// one the receiver lost. Refused for an unknown id or a removed endpoint.
    public func replay(_ id: String, now: Int64) throws -> WebhookDelivery {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at = ?, last_error = NULL
                    WHERE id = ? AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE removed_seq IS NULL)
                    """,
                arguments: [now, id])
            guard db.changesCount == 1, let delivery = try Self.deliveries(db, where: "d.id = ?", [id]).first else {
                throw Rejection.unknownDelivery(id)
            }
            return delivery
        }
    }

    /// An org's deliveries, newest first; with `failedOnly`, those that gave up.
    public func deliveries(of org: String, failedOnly: Bool = false, limit: Int = 50) throws -> [WebhookDelivery] {
        try pool.read { db in
            _ = try LedgerReader.accountID(named: org, in: db)
            return try Self.deliveries(
                db, where: "a.name = ? AND (? = 0 OR d.state = 'failed') ORDER BY d.rowid DESC LIMIT ?", [org, failedOnly, limit])
        }
    }

    /// One delivery, as the receiver would have been sent it.
    public func delivery(_ id: String) throws -> WebhookDelivery? {
        try pool.read { db in try Self.deliveries(db, where: "d.id = ?", [id]).first }
    }

    /// An org's active endpoints, without their secrets.
    public func endpoints(of org: String) throws -> [WebhookEndpoint] {
        try pool.read { db in
            _ = try LedgerReader.accountID(named: org, in: db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.url, e.events, e.created_seq, e.rotated_seq FROM webhook_endpoints e
                    JOIN accounts a ON a.id = e.org_id WHERE a.name = ? AND e.removed_seq IS NULL ORDER BY e.id
                    """,
                arguments: [org]
            ).map {
                WebhookEndpoint(
                    id: $0[0], url: $0[1], events: WebhookEvent.events(stored: $0[2]).sorted(), createdSeq: $0[3], rotatedSeq: $0[4])
            }
        }
    }

    private static func deliveries(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [WebhookDelivery] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT d.id, d.endpoint_id, e.url, d.event, d.seq, d.state, d.attempts, d.next_at, d.last_status, d.last_error,
                       d.delivered_at, d.body
                FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN accounts a ON a.id = e.org_id
                WHERE \(condition)
                """,
            arguments: arguments
        ).map {
            WebhookDelivery(
                id: $0[0], endpoint: $0[1], url: $0[2], event: $0[3], seq: $0[4], state: WebhookDelivery.State(rawValue: $0[5]) ?? .failed,
                attempts: $0[6], nextAt: $0[7], lastStatus: $0[8], lastError: $0[9], deliveredAt: $0[10], body: $0[11])
        }
    }
}

extension Engine {
    /// The webhook outbox: for the delivery worker and `tix webhook`.
    public var webhooks: WebhookOutbox { WebhookOutbox(pool: pool) }

    /// Registers a webhook endpoint for `org` and answers its secret, the only time it is shown. The
    /// one entry point for front ends (`tix webhook add`, the API's `POST /v1/webhooks`): `actor` is the
    /// org itself, one of its API keys with the `webhooks` scope, the admin, or a member whose role grants
    /// `govern`. A front end that must answer a retry with the first secret derives it from the request.
    public func registerWebhook(
        org: String, url: String, events: Set<WebhookEvent>, secret: String = WebhookSecret.generate(), actor: String, key: String
    ) async throws -> WebhookRegistration {
        let receipt = try await submit(
            Submission(actor: actor, key: key, command: .webhook(.register(org: org, url: url, events: events, secret: secret))))
        // A fresh secret makes a reused key a different command, refused (`keyReused`), never answered
        // with an earlier endpoint whose secret this caller would not know.
        return WebhookRegistration(endpoint: receipt.createdID ?? 0, secret: secret, seq: receipt.seq)
    }
}
