import GRDB

/// The job queue and the factories now.
struct QueueSeries: Series {
    let name = "queue"
    let title = "Queue and utilization"
    let summary = "Jobs waiting now (crafts running, orders to expire), factories, and the share of factories with a craft running."
    let chart = ChartKind.table

    func table(in context: SeriesContext) throws -> Table {
        let row = try context.reader.aggregate { db in
            try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND kind = 'craft') AS crafts,
                       (SELECT COUNT(*) FROM factories) AS factories,
                       (SELECT COUNT(DISTINCT factory_id) FROM jobs WHERE state = 'pending' AND factory_id IS NOT NULL) AS busy
                """)!
        }
        let (factories, busy): (Int64, Int64) = (row["factories"], row["busy"])
        return Table(
            columns: ["pending_jobs", "running_crafts", "factories", "busy_factories", "utilization"],
            rows: [[.int(Int64(try context.reader.pendingJobCount())), .int(row["crafts"]), .int(factories), .int(busy),
                    .ratio(factories > 0 ? Double(busy) / Double(factories) : 0)]])
    }
}
