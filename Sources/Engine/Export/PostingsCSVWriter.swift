/// Postings as CSV (RFC 4180, CRLF) for spreadsheets: one row per posting with the entry's seq, time,
/// actor, kind and memo, the ledger's own account names and asset codes, and the amount in decimals.
/// No assertions: a spreadsheet sums the columns itself.
struct PostingsCSVWriter: ExportWriter {
    let names: ExportNames

    func header(through seq: Int64) -> String {
        "seq,date,at_ms,actor,kind,memo,from,to,asset,amount\r\n"
    }

    func transaction(_ entry: PostedEntry) -> String {
        let date = UTCDate.text(UTCDate.day(ofMillis: entry.at))
        var text = ""
        for move in entry.moves {
            let asset = names.assets[move.asset]!
            let cells = [
                String(entry.seq), date, String(entry.at), entry.actor, entry.kind, entry.memo ?? "",
                names.ledgerAccounts[move.from]!.name, names.ledgerAccounts[move.to]!.name, asset.code,
                Amount.format(move.amount, scale: asset.scale),
            ]
            text += cells.map(Self.cell).joined(separator: ",") + "\r\n"
        }
        return text
    }

    func assertions(day: Int64, _ balances: [StoredBalance], closing: Bool) -> String { "" }

    /// A cell quoted when it holds a comma, a quote or a line break, quotes doubled.
    static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
