/// hledger journal text: accounts declared with their ledger names, one transaction per journal entry
/// (description `actor | kind`, tags `seq`, `actor`, `memo`), and balance assertions (`= amount`) on
/// zero postings of a checkpoint transaction after each day's last entry. Commodities holding anything
/// but letters are double-quoted, as hledger requires; `decimal-mark .` keeps `1.000` a decimal.
struct HledgerWriter: ExportWriter {
    let names: ExportNames

    func header(through seq: Int64) -> String {
        var text = "; Ticketonomics ledger through journal seq \(seq), written by `tix export hledger`.\n"
        text += "decimal-mark .\n\n"
        for (id, name) in names.commodities.sorted(by: { $0.key < $1.key }) {
            text += "; commodity \(name) is the asset \(names.assets[id]!.code)\n"
        }
        for (_, account) in names.ledgerAccounts.sorted(by: { $0.key < $1.key }) {
            text += "account \(names.accounts[account.id]!)  ; name: \(account.name)\n"
        }
        return text + "\n"
    }

    func transaction(_ entry: PostedEntry) -> String {
        var text = "\(UTCDate.text(UTCDate.day(ofMillis: entry.at))) * \(oneLine(entry.actor)) | \(entry.kind)"
        text += "  ; seq:\(entry.seq), actor:\(entry.actor)\n"
        if let memo = entry.memo { text += "    ; memo: \(oneLine(memo))\n" }
        for move in entry.moves {
            let amount = Amount.format(move.amount, scale: names.assets[move.asset]!.scale)
            let commodity = symbol(move.asset)
            text += "    \(names.accounts[move.from]!)  -\(amount) \(commodity)\n"
            text += "    \(names.accounts[move.to]!)  \(amount) \(commodity)\n"
        }
        return text + "\n"
    }

    func assertions(day: Int64, _ balances: [StoredBalance], closing: Bool) -> String {
        guard !balances.isEmpty else { return "" }
        var text = "\(UTCDate.text(day)) \(closing ? "closing balances" : "checkpoint")\n"
        for balance in balances {
            let amount = Amount.format(balance.amount, scale: names.assets[balance.asset]!.scale)
            let commodity = symbol(balance.asset)
            text += "    \(names.accounts[balance.account]!)  0 \(commodity) = \(amount) \(commodity)\n"
        }
        return text + "\n"
    }

    /// The commodity as hledger reads it: bare when all letters, else in double quotes.
    private func symbol(_ asset: Int64) -> String {
        let name = names.commodities[asset]!
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) } ? name : "\"\(name)\""
    }

    /// Text safe in a description or comment: no line breaks (memos are one line already).
    private func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
