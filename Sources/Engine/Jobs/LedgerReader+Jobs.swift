import GRDB

extension LedgerReader {
    /// Jobs waiting on the queue (crafts running, orders to expire), due or not.
    public func pendingJobCount() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM jobs WHERE state = 'pending'") ?? 0 }
    }

    /// When the earliest pending job falls due, if any.
    public func nextJobDue() throws -> Int64? {
        try pool.read { try Int64.fetchOne($0, sql: "SELECT MIN(due_at) FROM jobs WHERE state = 'pending'") }
    }

    /// An account's jobs, newest first; only pending ones unless `all`.
    public func jobs(of account: String, all: Bool = false) throws -> [QueuedJob] {
        try pool.read { db in
            let id = try Self.accountID(named: account, in: db)
            let queue = JobQueue(reading: db)
            return try Int64.fetchAll(
                db, sql: "SELECT id FROM jobs WHERE owner_id = ?" + (all ? "" : " AND state = 'pending'") + " ORDER BY id DESC",
                arguments: [id]
            ).compactMap { try queue.job($0)?.queued }
        }
    }
}

/// A craft that completed, and where: front ends announce crafts in this order, keeping the last
/// position they announced.
public struct FinishedCraft: Sendable, Hashable {
    /// The journal entry that completed it.
    public var seq: Int64
    /// Its job id.
    public var job: Int64
    public var craft: Craft
    /// A repeating craft that did not start again (inputs gone, recipe withdrawn, factory busy): the
    /// line stopped with it.
    public var lineStopped: Bool
}

extension LedgerReader {
    /// Crafts completed after the craft `job` of entry `seq` (0 and 0 for all), in the order of
    /// (entry, job), at most `limit`. Every craft one entry completes is committed with it, so a reader
    /// that keeps the last position it saw misses none and sees none twice.
    public func finishedCrafts(after seq: Int64, job: Int64, limit: Int) throws -> [FinishedCraft] {
        try pool.read { db in
            let queue = JobQueue(reading: db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT finished_seq, id,
                        NOT EXISTS (
                            SELECT 1 FROM jobs AS next WHERE next.kind = 'craft' AND next.created_seq = jobs.finished_seq
                            AND next.owner_id = jobs.owner_id AND next.factory_id = jobs.factory_id AND next.id > jobs.id
                        ) AS stopped
                    FROM jobs
                    WHERE finished_seq IS NOT NULL AND state = 'done' AND kind = 'craft' AND (finished_seq, id) > (?, ?)
                    ORDER BY finished_seq, id LIMIT ?
                    """,
                arguments: [seq, job, limit]
            ).compactMap { row in
                guard case .craft(let craft) = try queue.job(row["id"])?.queued.job else { return nil }
                return FinishedCraft(
                    seq: row["finished_seq"], job: row["id"], craft: craft, lineStopped: craft.repeats && row["stopped"])
            }
        }
    }

    /// Where a reader that starts now begins, so as to announce only crafts finished from now on.
    public func lastFinishedCraft() throws -> (seq: Int64, job: Int64) {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT finished_seq, id FROM jobs WHERE finished_seq IS NOT NULL AND state = 'done' AND kind = 'craft'
                ORDER BY finished_seq DESC, id DESC LIMIT 1
                """)
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }
}
