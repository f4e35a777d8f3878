import Foundation

/// A series' data: named columns and rows of cells, as published at `/data/<series>.csv` and `.json`.
/// Amounts are integer minor units, as in `tix --json`; ratios are decimals.
public struct Table: Sendable, Hashable {
    public enum Cell: Sendable, Hashable {
        case int(Int64)
        case ratio(Double)
        case text(String)
        /// Nothing to show, which is not zero: the best bid of an item nobody bids for. Empty in CSV, `null`
        /// in JSON.
        case none

        /// The cell as a chart coordinate; nil for text and for no value.
        public var number: Double? {
            switch self {
            case .int(let value): Double(value)
            case .ratio(let value): value
            case .text, .none: nil
            }
        }
    }

    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180: a header line, then one line per row; text with a comma, quote or newline is quoted.
    public var csv: String {
        var lines = [columns.map(Self.quoted).joined(separator: ",")]
        for row in rows {
            // Only text can hold a comma, quote or line break; numbers and blanks pass through unquoted.
            lines.append(row.map { Self.quoted($0.text) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `{"series": name, "columns": [...], "rows": [[...], ...]}`.
    public func json(series: String) throws -> Data {
        let rows: [[JSONCell]] = rows.map { $0.map(JSONCell.init) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(JSONTable(series: series, columns: columns, rows: rows))
    }

    /// Six decimals are plenty for a ratio on a chart and keep the files short.
    public static func decimal(_ value: Double) -> String {
        value.isFinite ? String(format: "%.6f", value) : "0"
    }

    private static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private struct JSONTable: Encodable {
        var series: String
        var columns: [String]
        var rows: [[JSONCell]]
    }

    private struct JSONCell: Encodable {
        var cell: Cell

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch cell {
            case .int(let value): try container.encode(value)
            case .ratio(let value): try container.encode(value.isFinite ? value : 0)
            case .text(let text): try container.encode(text)
            case .none: try container.encodeNil()
            }
        }
    }
}
