/// Beancount 3 text: commodities and accounts declared with their ledger names as metadata, one
/// transaction per journal entry (payee the actor, narration the command's kind and memo, `seq`,
/// `actor` and `memo` as metadata), and `balance` directives. Beancount checks a balance at the start
/// of its date, so the assertions for the end of a day are dated the day after.
struct BeancountWriter: ExportWriter {
    let names: ExportNames

    func header(through seq: Int64) -> String {
        var text = "; Ticketonomics ledger through journal seq \(seq), written by `tix export beancount`.\n"
        text += "option \"title\" \"Ticketonomics\"\n\n"
        for (id, name) in names.commodities.sorted(by: { $0.key < $1.key }) {
            let asset = names.assets[id]!
            text += "1970-01-01 commodity \(name)\n  code: \(quoted(asset.code))\n  scale: \(asset.scale)\n"
        }
        text += "\n"
        for (_, account) in names.ledgerAccounts.sorted(by: { $0.key < $1.key }) {
            let opened = UTCDate.text(UTCDate.day(ofMillis: account.createdAt))
            text += "\(opened) open \(names.accounts[account.id]!)\n  name: \(quoted(account.name))\n"
        }
        return text + "\n"
    }

    func transaction(_ entry: PostedEntry) -> String {
        let narration = entry.memo.map { "\(entry.kind): \($0)" } ?? entry.kind
        var text = "\(UTCDate.text(UTCDate.day(ofMillis: entry.at))) * \(quoted(entry.actor)) \(quoted(narration))\n"
        text += "  seq: \(entry.seq)\n  actor: \(quoted(entry.actor))\n"
        if let memo = entry.memo { text += "  memo: \(quoted(memo))\n" }
        for move in entry.moves {
            let amount = Amount.format(move.amount, scale: names.assets[move.asset]!.scale)
            let commodity = names.commodities[move.asset]!
            text += "  \(names.accounts[move.from]!)  -\(amount) \(commodity)\n"
            text += "  \(names.accounts[move.to]!)  \(amount) \(commodity)\n"
        }
        return text + "\n"
    }

    func assertions(day: Int64, _ balances: [StoredBalance], closing: Bool) -> String {
        let date = UTCDate.text(day + 1)
        var text = closing ? "; Closing balances, from the ledger's stored balances.\n" : ""
        for balance in balances {
            let amount = Amount.format(balance.amount, scale: names.assets[balance.asset]!.scale)
            text += "\(date) balance \(names.accounts[balance.account]!)  \(amount) \(names.commodities[balance.asset]!)\n"
        }
        return text + "\n"
    }

    /// A beancount string: backslashes and quotes escaped (memos are one line already).
    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
