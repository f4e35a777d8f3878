/// Which org's endpoints listen to which events, in memory, so a command whose org has no webhooks (every
/// player's transfer, nearly always) pays one empty-dictionary check and no SQL.
///
/// Loaded from the ledger on first use. A webhook command drops it (``changed()``), so the next lookup
/// reads the table as the transaction now sees it; a savepoint rolled back after such a change, a failed
/// commit, or another process's commit (seen through `PRAGMA data_version`) drops it again.
final class WebhookSubscriptions {
    private var byOrg: [String: [(endpoint: Int64, events: Set<WebhookEvent>)]] = [:]
    private var loaded = false
    private var dataVersion: Int64?
    /// Webhook commands applied so far: a savepoint that undoes one must forget what was loaded since.
    private(set) var mark = 0
    /// Numbers the deliveries of one journal entry: their ids are `whd_<seq>_<n>`. Rewound when work
    /// rolled back is done over (`runDueJobs`).
    var numbering: (seq: Int64, count: Int) = (0, 0)

    /// The endpoints of `org` subscribed to `event`. O(1) once loaded, and free while no org has webhooks.
    func endpoints(of org: String, for event: WebhookEvent, _ db: HotConnection) throws -> [Int64] {
        if !loaded { try load(db) }
        guard !byOrg.isEmpty, let endpoints = byOrg[org] else { return [] }
        return endpoints.filter { $0.events.contains(event) }.map(\.endpoint)
    }

    /// Every endpoint subscribed to `event`, whichever its org: events that belong to no org.
    func endpoints(for event: WebhookEvent, _ db: HotConnection) throws -> [(org: String, endpoint: Int64)] {
        if !loaded { try load(db) }
        return byOrg.flatMap { org, endpoints in endpoints.filter { $0.events.contains(event) }.map { (org, $0.endpoint) } }
    }

    /// The next delivery id of the entry `seq`.
    func nextDeliveryID(seq: Int64) -> String {
        numbering = numbering.seq == seq ? (seq, numbering.count + 1) : (seq, 1)
        return "whd_\(seq)_\(numbering.count)"
    }

    /// A webhook command changed the endpoints.
    func changed() {
        mark += 1
        forgetAll()
    }

    /// A savepoint begun at `mark` was rolled back.
    func undo(since mark: Int) {
        if mark != self.mark { forgetAll() }
    }

    func forgetAll() {
        byOrg.removeAll()
        loaded = false
    }

    /// At the start of each write transaction, with its `PRAGMA data_version`.
    func refresh(dataVersion version: Int64?) {
        if version != dataVersion { forgetAll() }
        dataVersion = version
    }

    private func load(_ db: HotConnection) throws {
        byOrg.removeAll()
        for (org, endpoint, events) in try db.all(
            """
            SELECT a.name, e.id, e.events FROM webhook_endpoints e JOIN accounts a ON a.id = e.org_id
            WHERE e.removed_seq IS NULL ORDER BY e.id
            """, read: { ($0.text(0), $0.int(1), WebhookEvent.events(stored: $0.text(2))) })
        {
            byOrg[org, default: []].append((endpoint, events))
        }
        loaded = true
    }
}
