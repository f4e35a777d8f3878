import Engine

/// Intellectual property: who holds each adopted recipe's patent, on what terms, and the royalties
/// it has earned.
struct PatentSeries: Series {
    let name = "patents"
    let title = "Patents and royalties"
    let summary = "Each patent's holder, expiry, open terms and licenses, and the royalties paid to its holders so far (after the sink's share)."
    let chart = ChartKind.table

    func table(in context: SeriesContext) throws -> Table {
        Table(
            columns: ["recipe", "holder", "expires", "open_royalty", "licenses", "royalties_paid_to_holders", "royalties_paid_by_licensees"],
            rows: try context.reader.patents().map { patent in
                [.text(patent.recipe), .text(patent.holder ?? ""), .text(SeriesContext.date(patent.expiresAt / DayBook.dayMilliseconds)),
                 .int(patent.openRoyalty ?? 0), .int(Int64(patent.licenses.count)), .int(patent.earned),
                 .int(patent.licenses.reduce(0) { $0 + $1.paid })]
            })
    }

    func isTickets(_ column: String) -> Bool { column.hasPrefix("royalties") || column == "open_royalty" }
}
