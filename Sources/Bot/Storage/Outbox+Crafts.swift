import GRDB

/// The "your craft is ready" notices: the last finished craft announced (migration "v6 bot notices"),
/// moved only together with the notices it covers.
extension Outbox {
    /// A finished craft's place in the order crafts are announced: its journal entry, then its job id.
    struct CraftCursor: Sendable, Hashable {
        var seq: Int64
        var job: Int64
    }

    /// The last craft announced; the migration stores the first position.
    func craftCursor() throws -> CraftCursor {
        let row = try database.read { db in try Row.fetchOne(db, sql: "SELECT seq, job FROM bot_craft_cursor")! }
        return CraftCursor(seq: row["seq"], job: row["job"])
    }

    /// Stores the notices of the crafts after `old` up to `new` and moves the cursor to `new`, in one
    /// transaction. Nil, storing nothing, when the cursor is no longer at `old`: another instance of
    /// the bot on this database announced them first.
    func commit(_ notices: [Outgoing], crafts old: CraftCursor, through new: CraftCursor) throws -> [Item]? {
        try database.write { db in
            try db.execute(
                sql: "UPDATE bot_craft_cursor SET seq = ?, job = ? WHERE seq = ? AND job = ?",
                arguments: [new.seq, new.job, old.seq, old.job])
            guard db.changesCount == 1 else { return nil }
            return try Self.insert(notices, db)
        }
    }
}
