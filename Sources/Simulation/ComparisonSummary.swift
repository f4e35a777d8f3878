import Dashboard
import Engine
import Foundation

/// The summary of a comparison: one row per variant, as the terminal prints it and the report shows it.
public enum ComparisonSummary {
    public static func table(_ results: [VariantResult]) -> Table {
        func tickets(_ value: Int64) -> Table.Cell { .text(Amount.format(value, scale: Asset.ticket.scale)) }
        return Table(
            columns: [
                "variant", "commands", "refused", "seconds", "commands/s", "circulating", "issued", "burned",
                "net issuance", "gini", "median", "market volume", "crafts", "head hash",
            ],
            rows: results.map { result in
                [
                    .text(result.name), .int(Int64(result.applied)), .int(Int64(result.refused)),
                    .text(String(format: "%.1f", result.seconds)),
                    .int(Int64(Double(result.applied + result.refused) / max(result.seconds, 0.001))),
                    tickets(result.circulating), tickets(result.issued), tickets(result.burned),
                    tickets(result.issued - result.burned), .text(String(format: "%.3f", result.finalGini)),
                    tickets(result.finalMedian), tickets(result.marketTickets), .int(result.crafts),
                    .text(String(result.headHash.prefix(16))),
                ]
            })
    }

    /// The table as aligned text for the terminal.
    public static func text(_ table: Table) -> String {
        let rows = [table.columns] + table.rows.map { $0.map(\.text) }
        let widths = table.columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { index, pair in
                index == 0 ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: pair.1 - pair.0.count) + pair.0
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
