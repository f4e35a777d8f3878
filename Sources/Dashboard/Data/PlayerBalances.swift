import Engine
import GRDB
import Synchronization

/// The players' ticket balances now, every player, those at zero included, with when each joined:
/// read once per journal entry, so the distribution page's three panels, the new players of the
/// activity panel, and every visitor until the next commit share one read of all accounts. Every
/// change of a balance or of the players is a journal entry.
final class PlayerBalances: Sendable {
    typealias Player = (created: Int64, balance: Int64)

    private let memo = Mutex<(head: Int64, players: [Player])?>(nil)

    func read(_ reader: LedgerReader) throws -> [Player] {
        try reader.aggregate { db in
            let head = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM journal")!
            if let memo = memo.withLock({ $0 }), memo.head == head { return memo.players }
            var players: [Player] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.created_at, COALESCE(b.amount, 0) AS amount FROM accounts a
                LEFT JOIN balances b ON b.account_id = a.id AND b.asset_id = (SELECT id FROM assets WHERE code = ?)
                WHERE a.kind = 'player'
                """, arguments: [Asset.ticket.code])
            while let row = try rows.next() { players.append((row[0], row[1])) }
            memo.withLock { $0 = (head, players) }
            return players
        }
    }
}
