/// Webhook endpoints as the state machine changes them, and the outbox: every event an endpoint listens
/// to is written as a pending delivery in the same transaction as the command that caused it, so a
/// delivery exists exactly when its event was committed. The worker (`Sources/Webhooks`) sends them.
extension Ledger {
    /// Active endpoints an org may hold.
    static let maxWebhooks = 16
    static let maxWebhookURLLength = 2048

    func apply(_ command: WebhookCommand, actor: String, seq: Int64, at: Int64, _ db: HotConnection) throws -> Int64? {
        let org = try OrgStore(db: db).require(command.org)
        guard !org.dissolved else { throw Rejection.orgDissolved(org.name) }
        if try !isKey(actor, of: org.name, holding: .webhooks, at: at, db) {
            _ = try requireActor(actor, for: org.name, may: .govern, db)
        }
        defer { webhooks.changed() }
        switch command {
        case .register(_, let url, let events, let secret):
            guard Self.isWebhookURL(url) else { throw Rejection.invalidWebhookURL(url) }
            guard !events.isEmpty else { throw Rejection.noWebhookEvents }
            guard WebhookSecret.isValid(secret) else { throw Rejection.invalidWebhookSecret }
            let active = try db.first(
                "SELECT COUNT(*) FROM webhook_endpoints WHERE org_id = ? AND removed_seq IS NULL", .int(org.id)) { $0.int(0) } ?? 0
            guard active < Self.maxWebhooks else { throw Rejection.tooManyWebhooks(org: org.name, limit: Self.maxWebhooks) }
            try db.run(
                "INSERT INTO webhook_endpoints (org_id, url, events, secret, created_seq) VALUES (?, ?, ?, ?, ?)",
                .int(org.id), .text(url), .text(WebhookEvent.stored(events)), .text(secret), .int(seq))
            return db.lastInsertedRowID
        case .remove(_, let endpoint):
            try requireEndpoint(endpoint, of: org, db)
            try db.run("UPDATE webhook_endpoints SET removed_seq = ? WHERE id = ?", .int(seq), .int(endpoint))
            try db.run(
                "UPDATE webhook_deliveries SET state = 'failed', last_error = 'endpoint removed' WHERE endpoint_id = ? AND state = 'pending'",
                .int(endpoint))
            return nil
        case .rotateSecret(_, let endpoint, let secret):
            try requireEndpoint(endpoint, of: org, db)
            guard WebhookSecret.isValid(secret) else { throw Rejection.invalidWebhookSecret }
            try db.run("UPDATE webhook_endpoints SET secret = ?, rotated_seq = ? WHERE id = ?", .text(secret), .int(seq), .int(endpoint))
            return nil
        }
    }

    /// Writes a delivery of `event` for each endpoint of `org` that listens to it. `data` is only built
    /// when one does.
    func emit<Payload: Encodable>(
        _ event: WebhookEvent, org: String, seq: Int64, at: Int64, _ db: HotConnection, data: @autoclosure () -> Payload
    ) throws {
        let endpoints = try webhooks.endpoints(of: org, for: event, db)
        guard !endpoints.isEmpty else { return }
        let payload = data()
        for endpoint in endpoints { try enqueue(event, org: org, endpoint: endpoint, seq: seq, at: at, payload, db) }
    }

    /// Writes a delivery of `event` to every endpoint that listens to it, whatever its org.
    func broadcast<Payload: Encodable>(
        _ event: WebhookEvent, seq: Int64, at: Int64, _ db: HotConnection, data: @autoclosure () -> Payload
    ) throws {
        let endpoints = try webhooks.endpoints(for: event, db)
        guard !endpoints.isEmpty else { return }
        let payload = data()
        for (org, endpoint) in endpoints { try enqueue(event, org: org, endpoint: endpoint, seq: seq, at: at, payload, db) }
    }

    private func enqueue<Payload: Encodable>(
        _ event: WebhookEvent, org: String, endpoint: Int64, seq: Int64, at: Int64, _ data: Payload, _ db: HotConnection
    ) throws {
        let id = webhooks.nextDeliveryID(seq: seq)
        let body = try Canonical.encode(WebhookEnvelope(id: id, type: event, created: at, seq: seq, org: org, data: data))
        try db.run(
            """
            INSERT INTO webhook_deliveries (id, endpoint_id, event, seq, body, state, attempts, next_at, created_at)
            VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
            """,
            .text(id), .int(endpoint), .text(event.rawValue), .int(seq), .text(body), .int(at), .int(at))
    }

    private func requireEndpoint(_ endpoint: Int64, of org: OrgStore.Ref, _ db: HotConnection) throws {
        let found = try db.first(
            "SELECT 1 FROM webhook_endpoints WHERE id = ? AND org_id = ? AND removed_seq IS NULL", .int(endpoint), .int(org.id)) { _ in true }
        guard found == true else { throw Rejection.unknownWebhook(org: org.name, endpoint: endpoint) }
    }

    /// An absolute http(s) URL with a host, of plain text.
    static func isWebhookURL(_ url: String) -> Bool {
        guard url.utf8.count <= maxWebhookURLLength, !url.contains(" ") else { return false }
        for scheme in ["http://", "https://"] where url.lowercased().hasPrefix(scheme) {
            let host = url.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty
        }
        return false
    }
}

/// The JSON body of every delivery: `data` is the event's own object (see README, "Webhooks").
struct WebhookEnvelope<Payload: Encodable>: Encodable {
    var id: String
    var type: WebhookEvent
    /// Journal time of the event, ms since the epoch.
    var created: Int64
    /// The journal entry that caused it.
    var seq: Int64
    var org: String
    var data: Payload
}
