/// What accounts' ticket postings add up to, as voter and invite facts read them: folded one posting
/// at a time, so a single pass over the postings serves every player at once.
struct PostingTally {
    /// The accounts the tally reads specially.
    struct Roles {
        /// Escrow holds what returns (a proposal's deposit): not spent, and not a source.
        let escrow: Int64
        let sink: Int64
        let treasury: Int64
    }

    /// One account's totals.
    struct Totals {
        /// Postings it paid to an account that is not a system account.
        var payments: Int64 = 0
        /// What it sent anywhere but escrow, fees included.
        var spent: Int64 = 0
        /// What it paid to the sink and the treasury.
        var feesPaid: Int64 = 0
        /// The first account it received from (escrow aside), and whether a second one followed.
        var source: Int64?
        var manySources = false

        /// Every ticket it received came from one and the same account (or it received none).
        var singleSource: Bool { !manySources }
    }

    /// A total past `Int64.max` (as SQLite's `SUM` refuses one), or an account id no account gets.
    struct Overflow: Error {}

    let roles: Roles
    /// By account id: ids are rowids, dense from 1, and an array is several times faster than a
    /// dictionary over the millions of postings a snapshot reads.
    private var totals: [Totals] = []

    init(roles: Roles) { self.roles = roles }

    subscript(account: Int64) -> Totals { totals.indices.contains(Int(account)) ? totals[Int(account)] : Totals() }

    /// Counts one ticket posting for its payer and its payee. A payment to a system account (the sink,
    /// escrow, a pool) is not a payment to another player or org.
    mutating func add(debit: Int64, credit: Int64, creditIsSystem: Bool, amount: Int64) throws {
        let (payer, payee) = (try slot(debit), try slot(credit))
        if !creditIsSystem { totals[payer].payments += 1 }
        if credit != roles.escrow { totals[payer].spent = try sum(totals[payer].spent, amount) }
        if credit == roles.sink || credit == roles.treasury { totals[payer].feesPaid = try sum(totals[payer].feesPaid, amount) }
        guard debit != roles.escrow else { return }
        if totals[payee].source == nil {
            totals[payee].source = debit
        } else if totals[payee].source != debit {
            totals[payee].manySources = true
        }
    }

    /// The index of `account`'s totals, made room for.
    private mutating func slot(_ account: Int64) throws -> Int {
        guard account > 0, account <= Int64(Int32.max) else { throw Overflow() }
        let index = Int(account)
        if index >= totals.count { totals.append(contentsOf: repeatElement(Totals(), count: max(index + 1, 2 * totals.count) - totals.count)) }
        return index
    }

    private func sum(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (total, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw Overflow() }
        return total
    }
}

extension Ledger {
    /// The ticket postings paid by `payer`, or all of them, tallied per account.
    func postingTally(payer: Int64?, _ db: HotConnection) throws -> PostingTally {
        guard let ticket = try asset(code: Asset.ticket.code, in: db) else { throw Rejection.unknownAsset(Asset.ticket.code) }
        guard let sink = try account(named: Account.sink, in: db), let treasury = try account(named: Account.treasury, in: db) else {
            throw Rejection.unknownAccount(Account.sink)
        }
        var tally = PostingTally(roles: .init(
            escrow: try account(named: Account.escrow, in: db)?.id ?? 0, sink: sink.id, treasury: treasury.id))
        if let payer {
            try db.forEach(
                """
                SELECT p.debit_id, p.credit_id, c.kind = 'system', p.amount FROM postings p JOIN accounts c ON c.id = p.credit_id
                WHERE p.debit_id = ? AND p.asset_id = ?
                """,
                .int(payer), .int(ticket.id)
            ) { try tally.add(debit: $0.int(0), credit: $0.int(1), creditIsSystem: $0.int(2) != 0, amount: $0.int(3)) }
        } else {
            // In table order, so the pages are read once each, front to back; the few system accounts
            // are known up front rather than joined on every row.
            let system = try db.all("SELECT id FROM accounts WHERE kind = 'system'") { $0.int(0) }
            try db.forEach("SELECT debit_id, credit_id, amount FROM postings NOT INDEXED WHERE asset_id = ?", .int(ticket.id)) {
                let credit = $0.int(1)
                try tally.add(debit: $0.int(0), credit: credit, creditIsSystem: system.contains(credit), amount: $0.int(2))
            }
        }
        return tally
    }
}
