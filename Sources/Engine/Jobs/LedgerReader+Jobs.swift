import GRDB

extension LedgerReader {
    /// When the earliest pending job falls due, if any.
    public func nextJobDue() throws -> Int64? {
        try pool.read { try Int64.fetchOne($0, sql: "SELECT MIN(due_at) FROM jobs WHERE state = 'pending'") }
    }

    /// An account's jobs, newest first; only pending ones unless `all`.
    public func jobs(of account: String, all: Bool = false) throws -> [QueuedJob] {
        try pool.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM accounts WHERE name = ?", arguments: [account]) else {
                throw Rejection.unknownAccount(account)
            }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM jobs WHERE owner_id = ?" + (all ? "" : " AND state = 'pending'") + " ORDER BY id DESC",
                arguments: [id]
            ).map {
                QueuedJob(
                    id: $0["id"], job: try Canonical.decode(Job.self, from: $0["payload"]), dueAt: $0["due_at"],
                    state: QueuedJob.State(rawValue: $0["state"]) ?? .pending, attempts: $0["attempts"])
            }
        }
    }
}
