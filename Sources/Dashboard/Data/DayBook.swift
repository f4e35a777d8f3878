import Engine
import GRDB
import Synchronization

/// The per-day aggregates behind the expensive series, kept incrementally: each refresh reads only
/// the postings, pool changes, fills and finished crafts committed since the last one (by id, a range
/// of the primary key), so a page costs the same on a ledger of millions of entries. Days are UTC
/// days of journal time, as `reward_days` counts them. With a ``DayBookStore`` what has been read is
/// saved with the ids it reaches, so a restart reads only the entries committed since.
public final class DayBook: Sendable {
    /// A day's totals; every amount is in minor units of its asset.
    public struct Day: Sendable, Hashable, Codable {
        /// Tickets that left `mint`, by source (`claimReward:daily`, `mint`, `createPool`...).
        public var faucets: [String: Int64] = [:]
        /// Tickets that reached `sink` or `treasury`, by the command that charged them and where they went.
        public var fees: [FeeKey: Int64] = [:]
        /// Tickets moved between holders (no mint, sink, treasury or escrow on either side).
        public var volume: Int64 = 0
        /// How many players sent something or claimed a reward.
        public var active: Int64 = 0
        /// Items issued (crafted, minted) and burned (consumed, destroyed), by item code.
        public var produced: [String: Int64] = [:]
        public var destroyed: [String: Int64] = [:]
        /// Per pool (item code): the reserves after the day's last change, and the day's ticket volume.
        public var pools: [String: PoolDay] = [:]
        /// Per item: the P2P market's fills.
        public var fills: [String: FillDay] = [:]
        /// Finished crafts by recipe.
        public var crafts: [String: Int64] = [:]

        public var issued: Int64 { faucets.values.reduce(0, +) }
        public var burned: Int64 { fees.filter { $0.key.destination == .burned }.values.reduce(0, +) }
    }

    public struct FeeKey: Sendable, Hashable, Codable {
        public enum Destination: String, Sendable, Codable { case burned, treasury }
        public var source: String
        public var destination: Destination
    }

    public struct PoolDay: Sendable, Hashable, Codable {
        public var reserveItems: Int64
        public var reserveTickets: Int64
        public var volumeTickets: Int64
    }

    public struct FillDay: Sendable, Hashable, Codable {
        public var quantity: Int64 = 0
        public var tickets: Int64 = 0
        public var fees: Int64 = 0
        public var count: Int64 = 0
    }

    /// What the series read: every day's totals by day number, and the active-player windows.
    public struct Snapshot: Sendable, Hashable {
        public var days: [Int64: Day] = [:]
        public var activity = ActivityWindows.empty
        public static let empty = Snapshot()
    }

    /// The last id read of each source.
    struct Cursor: Sendable, Hashable {
        var posting: Int64 = 0
        var poolChange: Int64 = 0
        var fill: Int64 = 0
        var craftSeq: Int64 = 0
    }

    /// Everything read so far; what a store saves and loads.
    struct State: Sendable {
        var snapshot = Snapshot()
        /// Each player's last active day (account id to day number).
        var lastActive: [Int64: Int64] = [:]
        var cursor = Cursor()
        /// What changed since the last save: the days, the players' last active days and the closed windows.
        var changedDays: Set<Int64> = []
        var changedPlayers: Set<Int64> = []
        var closedWindows: [(day: Int64, window: ActivityWindows.Window)] = []

        /// A day's totals, noted as changed.
        mutating func update(_ day: Int64, _ change: (inout Day) -> Void) {
            change(&snapshot.days[day, default: Day()])
            changedDays.insert(day)
        }

        /// A player active on a day: counted once per day, and moved in the windows.
        mutating func active(_ player: Int64, on day: Int64) {
            let before = lastActive[player]
            // Already counted on this day (journal time never goes backwards).
            if let before, before >= day { return }
            closedWindows += snapshot.activity.move(from: before, to: day)
            lastActive[player] = day
            changedPlayers.insert(player)
            update(day) { $0.active += 1 }
        }
    }

    private struct Guarded: Sendable {
        var state = State()
        var loaded = false
        /// The cursor at the last save (or at the last read that had nothing to save), and when; nil
        /// before this process first read.
        var saved: (posting: Int64, at: ContinuousClock.Instant)?
    }

    private let guarded = Mutex(Guarded())
    private let reader: LedgerReader
    private let store: DayBookStore?
    /// Postings read per step, and at most left unsaved: neither the memory of a catch-up nor the work
    /// a restart repeats grows with the ledger.
    private let postingsPerStep: Int64
    /// How long a little reading may stay unsaved. A save is a write transaction in the engine's file,
    /// which waits behind the writer's commit; so a page read after each commit does not save each time.
    private let saveInterval: Duration

    /// Without a store the book lives in memory only and a new one reads the whole ledger.
    public init(
        reader: LedgerReader, store: DayBookStore? = nil, postingsPerStep: Int64 = 250_000, saveInterval: Duration = .seconds(60)
    ) {
        self.reader = reader
        self.store = store
        self.postingsPerStep = postingsPerStep
        self.saveInterval = saveInterval
    }

    public static let dayMilliseconds: Int64 = 86_400_000

    /// Catches up with the last commit and returns every day's totals and the activity windows.
    public func read() throws -> Snapshot {
        // One refresh at a time: two pages at once would read the same range twice and count it twice.
        try guarded.withLock { guarded in
            if !guarded.loaded, let store {
                guarded.state = try store.load()
                guarded.loaded = true
            }
            var more = true
            while more {
                more = try reader.aggregate { db in try Self.step(&guarded.state, postings: postingsPerStep, in: db) }
                try saveIfDue(&guarded)
            }
            return guarded.state.snapshot
        }
    }

    /// Saves what changed since the last save, and starts noting afresh, once a step's worth of postings
    /// or ``saveInterval`` has passed since that save. Postings that changed nothing leave the saved
    /// cursor behind: a restart reads them again, to no effect.
    private func saveIfDue(_ guarded: inout Guarded) throws {
        guard let store else { return }
        let now = ContinuousClock.now
        if let saved = guarded.saved, guarded.state.cursor.posting - saved.posting < postingsPerStep, now - saved.at < saveInterval {
            return
        }
        let state = guarded.state
        if !state.changedDays.isEmpty || !state.changedPlayers.isEmpty || !state.closedWindows.isEmpty {
            try store.save(state)
        }
        guarded.state.changedDays = []
        guarded.state.changedPlayers = []
        guarded.state.closedWindows = []
        guarded.saved = (state.cursor.posting, now)
    }

    /// Reads up to `count` postings and everything else committed since the last step. Returns whether
    /// more postings remain.
    private static func step(_ state: inout State, postings count: Int64, in db: Database) throws -> Bool {
        let ids = try Row.fetchOne(db, sql: """
            SELECT (SELECT id FROM accounts WHERE name = 'mint') AS mint, (SELECT id FROM accounts WHERE name = 'sink') AS sink,
                   (SELECT id FROM accounts WHERE name = 'treasury') AS treasury, (SELECT id FROM accounts WHERE name = 'escrow') AS escrow,
                   (SELECT id FROM assets WHERE code = ?) AS ticket, (SELECT COALESCE(MAX(id), 0) FROM postings) AS last
            """, arguments: [Asset.ticket.code])!
        let newest: Int64 = ids["last"]
        let last = min(newest, state.cursor.posting + count)
        if last > state.cursor.posting {
            try postings(after: state.cursor.posting, through: last, ids: ids, into: &state, in: db)
            try activity(after: state.cursor.posting, through: last, mint: ids["mint"], into: &state, in: db)
            state.cursor.posting = last
        }
        state.cursor.poolChange = try pools(after: state.cursor.poolChange, into: &state, in: db)
        state.cursor.fill = try fills(after: state.cursor.fill, into: &state, in: db)
        state.cursor.craftSeq = try crafts(after: state.cursor.craftSeq, into: &state, in: db)
        return last < newest
    }

    /// Faucets, fees, volume, and items made and destroyed, grouped in SQL by day, role and source.
    /// A command's kind is its JSON's first key (`{"transfer": ...}`), read without parsing the JSON.
    private static func postings(after first: Int64, through last: Int64, ids: Row, into state: inout State, in db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT day, role, asset_id, code, CASE WHEN kind = 'claimReward'
                     THEN 'claimReward:' || (SELECT json_extract(command, '$.claimReward.kind') FROM journal WHERE seq = q.seq)
                     ELSE kind END AS source, SUM(amount) AS amount
            FROM (SELECT j.at / :day AS day, p.seq, p.asset_id, s.code, p.amount,
                    substr(j.command, 3, instr(j.command, '":') - 3) AS kind,
                    CASE WHEN p.debit_id = :mint THEN 'faucet' WHEN p.credit_id = :sink THEN 'burned'
                         WHEN p.credit_id = :treasury THEN 'treasury'
                         WHEN :escrow IN (p.debit_id, p.credit_id) OR p.debit_id = :treasury THEN 'other'
                         ELSE 'volume' END AS role
                  FROM postings p JOIN journal j ON j.seq = p.seq JOIN assets s ON s.id = p.asset_id
                  WHERE p.id > :first AND p.id <= :last) q
            WHERE role != 'other'
            GROUP BY day, role, asset_id, source
            """, arguments: [
                "day": dayMilliseconds, "mint": ids["mint"], "sink": ids["sink"], "treasury": ids["treasury"],
                "escrow": ids["escrow"], "first": first, "last": last,
            ])
        let ticket: Int64 = ids["ticket"]
        for row in rows {
            let (day, role, source, amount): (Int64, String, String, Int64) = (row["day"], row["role"], row["source"] ?? "?", row["amount"])
            let isTicket = (row["asset_id"] as Int64) == ticket
            let code: String = row["code"]
            switch (role, isTicket) {
            case ("faucet", true): state.update(day) { $0.faucets[source, default: 0] += amount }
            case ("burned", true): state.update(day) { $0.fees[FeeKey(source: source, destination: .burned), default: 0] += amount }
            case ("treasury", true): state.update(day) { $0.fees[FeeKey(source: source, destination: .treasury), default: 0] += amount }
            case ("volume", true): state.update(day) { $0.volume += amount }
            case ("faucet", false): state.update(day) { $0.produced[code, default: 0] += amount }
            case ("burned", false): state.update(day) { $0.destroyed[code, default: 0] += amount }
            default: break
            }
        }
    }

    /// Players who sent anything, or claimed a reward (paid by `mint`), on each day, day by day. Being
    /// paid by someone else, or by an admin's mint, is not activity.
    private static func activity(after first: Int64, through last: Int64, mint: Int64, into state: inout State, in db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT j.at / :day AS day, a.id FROM postings p JOIN journal j ON j.seq = p.seq
            JOIN accounts a ON a.id = CASE WHEN p.debit_id = :mint THEN p.credit_id ELSE p.debit_id END
            WHERE p.id > :first AND p.id <= :last AND a.kind = 'player'
              AND (p.debit_id != :mint OR substr(j.command, 3, 12) = 'claimReward"')
            ORDER BY day
            """, arguments: ["day": dayMilliseconds, "mint": mint, "first": first, "last": last])
        while let row = try rows.next() { state.active(row[1], on: row[0]) }
    }

    /// Each pool's reserves after its last change of the day (SQLite takes the bare columns from the
    /// `MAX(id)` row), with the day's volume. Returns the last change read.
    private static func pools(after first: Int64, into state: inout State, in db: Database) throws -> Int64 {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.code, h.at / :day AS day, MAX(h.id) AS last, h.reserve_items, h.reserve_tickets,
                   SUM(h.volume_tickets) AS volume
            FROM pool_history h JOIN pools p ON p.id = h.pool_id JOIN assets s ON s.id = p.asset_id
            WHERE h.id > :first GROUP BY h.pool_id, day
            """, arguments: ["day": dayMilliseconds, "first": first])
        var last = first
        for row in rows {
            let (code, day): (String, Int64) = (row["code"], row["day"])
            state.update(day) { totals in
                totals.pools[code] = PoolDay(
                    reserveItems: row["reserve_items"], reserveTickets: row["reserve_tickets"],
                    volumeTickets: (totals.pools[code]?.volumeTickets ?? 0) + (row["volume"] as Int64))
            }
            last = max(last, row["last"])
        }
        return last
    }

    /// The market's fills per day and item. Returns the last fill read.
    private static func fills(after first: Int64, into state: inout State, in db: Database) throws -> Int64 {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.code, j.at / :day AS day, MAX(f.id) AS last, SUM(f.quantity) AS quantity,
                   SUM(f.quantity * f.price) AS tickets, SUM(f.fee) AS fees, COUNT(*) AS count
            FROM fills f JOIN journal j ON j.seq = f.seq JOIN orders o ON o.id = f.sell_order
            JOIN assets s ON s.id = o.asset_id
            WHERE f.id > :first GROUP BY s.code, day
            """, arguments: ["day": dayMilliseconds, "first": first])
        var last = first
        for row in rows {
            let (code, day): (String, Int64) = (row["code"], row["day"])
            state.update(day) { totals in
                var fill = totals.fills[code] ?? FillDay()
                fill.quantity += row["quantity"]
                fill.tickets += row["tickets"]
                fill.fees += row["fees"]
                fill.count += row["count"]
                totals.fills[code] = fill
            }
            last = max(last, row["last"])
        }
        return last
    }

    /// Finished crafts per day and recipe, through the index front ends announce them by. Returns the
    /// last journal entry read.
    private static func crafts(after first: Int64, into state: inout State, in db: Database) throws -> Int64 {
        let rows = try Row.fetchAll(db, sql: """
            SELECT j.at / :day AS day, c.recipe, MAX(c.finished_seq) AS last,
                   COUNT(*) AS count
            FROM jobs c JOIN journal j ON j.seq = c.finished_seq
            WHERE c.finished_seq > :first AND c.state = 'done' AND c.kind = 'craft' GROUP BY day, recipe
            """, arguments: ["day": dayMilliseconds, "first": first])
        var last = first
        for row in rows {
            state.update(row["day"]) { $0.crafts[row["recipe"] ?? "?", default: 0] += row["count"] }
            last = max(last, row["last"])
        }
        return last
    }
}
