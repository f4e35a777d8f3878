import Foundation
import GRDB

/// Read-only views of the ledger on WAL reader connections: they see the last commit and never block
/// the writer.
public struct LedgerReader: Sendable {
    let pool: any DatabaseReader

    public func account(named name: String) throws -> Account? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map(Account.init(row:))
        }
    }

    public func accounts() throws -> [Account] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY id").map(Account.init(row:)) }
    }

    public func asset(code: String) throws -> Asset? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM assets WHERE code = ?", arguments: [code]).map(Asset.init(row:))
        }
    }

    public func assets() throws -> [Asset] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM assets ORDER BY id").map(Asset.init(row:)) }
    }

    /// Every non-zero balance of an account.
    public func balances(of name: String) throws -> [Holding] {
        try pool.read { db in
            _ = try Self.accountID(named: name, in: db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT assets.*, balances.amount AS amount FROM balances
                    JOIN accounts ON accounts.id = balances.account_id
                    JOIN assets ON assets.id = balances.asset_id
                    WHERE accounts.name = ? AND balances.amount != 0 ORDER BY assets.id
                    """,
                arguments: [name]
            ).map { Holding(asset: Asset(row: $0), amount: $0["amount"]) }
        }
    }

    /// One balance; zero when the account never held the asset.
    public func balance(of name: String, asset code: String) throws -> Int64 {
        try balances(of: name).first { $0.asset.code == code }?.amount ?? 0
    }

    /// The account's movements, newest first, with the journal entry each came from.
    public func history(of name: String, limit: Int = 50) throws -> [Movement] {
        try pool.read { db in
            let id = try Self.accountID(named: name, in: db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT p.id, p.seq, j.at, d.name AS debit, c.name AS credit, a.code, p.amount FROM (
                        SELECT * FROM postings WHERE debit_id = :id
                        UNION ALL SELECT * FROM postings WHERE credit_id = :id
                        ORDER BY seq DESC, id DESC LIMIT :limit) p
                    JOIN journal j ON j.seq = p.seq
                    JOIN accounts d ON d.id = p.debit_id
                    JOIN accounts c ON c.id = p.credit_id
                    JOIN assets a ON a.id = p.asset_id
                    ORDER BY p.seq DESC, p.id DESC
                    """,
                arguments: ["id": id, "limit": limit]
            ).map {
                Movement(
                    seq: $0["seq"], at: $0["at"],
                    posting: Posting(id: $0["id"], from: $0["debit"], to: $0["credit"], asset: $0["code"], amount: $0["amount"]))
            }
        }
    }

    /// The id of a named account, or the refusal a player reads when there is none.
    static func accountID(named name: String, in db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM accounts WHERE name = ?", arguments: [name]) else {
            throw Rejection.unknownAccount(name)
        }
        return id
    }

    /// Journal entries from `seq` on, in order.
    public func journal(from seq: Int64 = 1, limit: Int = 100) throws -> [JournalEntry] {
        try pool.read { db in try Self.journal(from: seq, limit: limit, in: db) }
    }

    static func journal(from seq: Int64, limit: Int, in db: Database) throws -> [JournalEntry] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM journal_entries WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [seq, limit]
        ).map(JournalEntry.init(row:))
    }
}

/// An amount of one asset held by an account.
public struct Holding: Sendable, Hashable {
    public var asset: Asset
    public var amount: Int64
}

/// A posting as seen from an account's history.
public struct Movement: Sendable, Hashable {
    public var seq: Int64
    public var at: Int64
    public var posting: Posting
}

extension Account {
    init(row: Row) {
        self.init(
            id: row["id"], name: row["name"], kind: Kind(rawValue: row["kind"]) ?? .player, createdAt: row["created_at"])
    }
}

extension Asset {
    init(row: Row) {
        self.init(code: row["code"], kind: Kind(rawValue: row["kind"]) ?? .product, scale: row["scale"])
    }
}

extension LedgerReader {
    /// Issued, burned and circulating amounts of every asset.
    public func supply() throws -> [Supply] {
        try pool.read { try Supply.all(in: $0) }
    }
}

extension LedgerReader {
    /// Minor units of an asset from the text a player typed (`"12.50"` tickets is 1250).
    public func parseAmount(_ text: String, asset code: String) throws -> Int64 {
        guard let asset = try asset(code: code) else { throw Rejection.unknownAsset(code) }
        return try parseAmount(text, of: asset)
    }

    /// The same, for an asset already at hand.
    public func parseAmount(_ text: String, of asset: Asset) throws -> Int64 {
        let amount: Int64
        do {
            amount = try Amount.read(text, scale: asset.scale)
        } catch {
            // `tix` hands a negative number over with U+2212, so it is not taken for a flag: echo it as typed.
            let typed = text.replacingOccurrences(of: "\u{2212}", with: "-")
            throw Rejection.invalidAmount(text: typed, asset: asset.code, scale: asset.scale, problem: error)
        }
        guard amount > 0 else { throw Rejection.nonPositiveAmount }
        return amount
    }
}

extension LedgerReader {
    /// The ``Invariants`` violated by the last committed state; empty when sound.
    public func invariantViolations() throws -> [String] {
        try pool.read { try Invariants.violations(in: $0) }
    }
}
