import GRDB

/// One journal entry's postings as the exports write them: a balanced transaction.
public struct PostedEntry: Sendable, Hashable {
    public var seq: Int64
    public var at: Int64
    public var actor: String
    /// The command's kind as the journal names it (`transfer`, `swap`, `org`, ...).
    public var kind: String
    public var memo: String?
    public var moves: [Move]

    /// One posting by ids: `amount` of `asset` leaves the account `from` and enters the account `to`.
    public struct Move: Sendable, Hashable {
        public var from: Int64
        public var to: Int64
        public var asset: Int64
        public var amount: Int64
    }
}

/// One balance by ids, as the `balances` table keeps it.
public struct StoredBalance: Sendable, Hashable {
    public var account: Int64
    public var asset: Int64
    public var amount: Int64
}

extension LedgerReader {
    /// Every journal entry that moved something, in order, up to `until` (the head when nil), handed
    /// over one at a time from a cursor so a million entries never sit in memory at once.
    public func forEachPostedEntry(until: Int64? = nil, _ body: (PostedEntry) throws -> Void) throws {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT p.seq, j.at, j.actor, j.command, j.format, p.debit_id, p.credit_id, p.asset_id, p.amount
                    FROM postings p JOIN journal j ON j.seq = p.seq WHERE p.seq <= ? ORDER BY p.seq, p.id
                    """,
                arguments: [until ?? Int64.max])
            var current: PostedEntry?
            while let row = try rows.next() {
                let seq: Int64 = row["seq"]
                if current?.seq != seq {
                    if let current { try body(current) }
                    let command: String = row["command"]
                    let format = try JournalFormat.stored(row["format"] ?? 1)
                    current = PostedEntry(
                        seq: seq, at: row["at"], actor: row["actor"], kind: Self.kind(of: command),
                        memo: (try? Command.decode(command, format: format))?.memo, moves: [])
                }
                current?.moves.append(
                    PostedEntry.Move(from: row["debit_id"], to: row["credit_id"], asset: row["asset_id"], amount: row["amount"]))
            }
            if let current { try body(current) }
        }
    }

    /// Every stored balance, zero ones included: what the exports assert at the end.
    public func allBalances() throws -> [StoredBalance] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT account_id, asset_id, amount FROM balances ORDER BY account_id, asset_id")
                .map { StoredBalance(account: $0["account_id"], asset: $0["asset_id"], amount: $0["amount"]) }
        }
    }

    /// Every asset by its id, the key postings name it by.
    public func assetsByID() throws -> [Int64: Asset] {
        try pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT * FROM assets").map { ($0["id"], Asset(row: $0)) })
        }
    }

    /// The journal's last seq; 0 when empty.
    public func headSeq() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal") ?? 0 }
    }

    /// The command's kind: the one key of its canonical JSON object, `{"transfer":{...}}`.
    static func kind(of command: String) -> String {
        guard let open = command.firstIndex(of: "\"") else { return "command" }
        let rest = command[command.index(after: open)...]
        return String(rest.prefix { $0 != "\"" })
    }
}

extension Command {
    /// The memo a player wrote on a mint, transfer or posting, if any.
    var memo: String? {
        switch self {
        case .mint(_, _, _, let memo), .transfer(_, _, _, _, let memo), .post(_, let memo): memo
        default: nil
        }
    }
}
