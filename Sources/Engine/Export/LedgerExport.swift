/// Writes the ledger in a format other tools read: beancount and hledger journals, which those tools
/// check on their own (every transaction balances, every balance assertion holds), and CSV postings
/// for spreadsheets. Transactions come from the postings; the assertions at the end come from the
/// stored balances, so a checker that accepts the journal has recomputed our balances independently.
/// Checkpoints after each day assert every balance the day changed, which pins a wrong figure to its day.
public enum LedgerExport {
    public enum Format: String, Sendable, CaseIterable {
        case beancount, hledger, csv
    }

    /// Writes the export through `write` in pieces of about 64 KiB. `until` stops after that seq, and then
    /// the closing assertions are the running balances at that seq.
    public static func write(
        _ format: Format, reader: LedgerReader, until: Int64? = nil, to write: (String) throws -> Void
    ) throws {
        let names = try ExportNames(accounts: reader.accounts(), assets: reader.assetsByID())
        let head = try reader.headSeq()
        let through = min(until ?? head, head)
        let writer: any ExportWriter =
            switch format {
            case .beancount: BeancountWriter(names: names)
            case .hledger: HledgerWriter(names: names)
            case .csv: PostingsCSVWriter(names: names)
            }
        var buffer = writer.header(through: through)
        func flush(_ force: Bool = false) throws {
            if force || buffer.utf8.count >= 65_536 {
                try write(buffer)
                buffer = ""
            }
        }
        var running = RunningBalances()
        var day: Int64?
        var lastAt: Int64 = 0
        try reader.forEachPostedEntry(until: through) { entry in
            let entryDay = UTCDate.day(ofMillis: entry.at)
            if let day, day != entryDay {
                buffer += writer.assertions(day: day, running.takeTouched(), closing: false)
            }
            day = entryDay
            lastAt = entry.at
            try running.apply(entry)
            buffer += writer.transaction(entry)
            try flush()
        }
        let closing = through == head ? try reader.allBalances() : running.all()
        buffer += writer.assertions(day: day ?? UTCDate.day(ofMillis: lastAt), closing, closing: true)
        try flush(true)
    }
}

/// One format's text for the parts of an export.
protocol ExportWriter {
    /// Comments, declarations and account openings.
    func header(through seq: Int64) -> String
    func transaction(_ entry: PostedEntry) -> String
    /// Balance assertions that hold at the end of `day` (UTC).
    func assertions(day: Int64, _ balances: [StoredBalance], closing: Bool) -> String
}

/// Balances summed from the postings written so far, with checked arithmetic, and which of them
/// changed since the last checkpoint.
struct RunningBalances {
    struct Key: Hashable, Comparable {
        var account: Int64
        var asset: Int64
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.account, lhs.asset) < (rhs.account, rhs.asset) }
    }

    private var amounts: [Key: Int64] = [:]
    private var touched = Set<Key>()

    mutating func apply(_ entry: PostedEntry) throws {
        for move in entry.moves {
            try add(-move.amount, Key(account: move.from, asset: move.asset))
            try add(move.amount, Key(account: move.to, asset: move.asset))
        }
    }

    private mutating func add(_ delta: Int64, _ key: Key) throws {
        let (sum, overflow) = amounts[key, default: 0].addingReportingOverflow(delta)
        if overflow { throw Rejection.balanceOverflow(account: "#\(key.account)") }
        amounts[key] = sum
        touched.insert(key)
    }

    /// The balances changed since the last call, in account order.
    mutating func takeTouched() -> [StoredBalance] {
        defer { touched.removeAll(keepingCapacity: true) }
        return touched.sorted().map { StoredBalance(account: $0.account, asset: $0.asset, amount: amounts[$0]!) }
    }

    func all() -> [StoredBalance] {
        amounts.keys.sorted().map { StoredBalance(account: $0.account, asset: $0.asset, amount: amounts[$0]!) }
    }
}
