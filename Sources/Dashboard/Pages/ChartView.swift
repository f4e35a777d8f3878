/// A table drawn as inline SVG: polylines in a fixed view box that scales with the page, so a phone
/// and a desktop get the same chart with nothing loaded from elsewhere.
struct ChartView {
    struct Line {
        var label: String
        var color: String
        var points: String
        var latest: String
    }

    static let width = 640.0
    static let height = 220.0
    static let palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"]

    var lines: [Line]
    var yMax: String
    var yMin: String
    var xFirst: String
    var xLast: String
    /// The Lorenz curve's line of equality.
    var diagonal: Bool
    var width = Int(Self.width)
    var height = Int(Self.height)
    /// Where the baseline (y = yMin) sits.
    var bottom = Int(Self.height)

    /// Nil when there is nothing to draw: no numeric column, or no rows.
    init?(table: Table, kind: ChartKind, plots: (String) -> Bool, format: (String, Table.Cell) -> String) {
        guard kind != .table, !table.rows.isEmpty else { return nil }
        let columns = table.columns.indices.dropFirst().filter { index in
            plots(table.columns[index]) && table.rows.allSatisfy { $0[index].number != nil }
        }
        guard !columns.isEmpty else { return nil }
        let values = columns.flatMap { index in table.rows.map { $0[index].number ?? 0 } }
        let (low, high) = (min(0, values.min() ?? 0), max(values.max() ?? 1, kind == .curve ? 1 : 0))
        let span = high > low ? high - low : 1
        let count = table.rows.count
        func x(_ row: Int) -> Double {
            if kind == .curve { return (table.rows[row][0].number ?? 0) * Self.width }
            return count > 1 ? Double(row) / Double(count - 1) * Self.width : Self.width / 2
        }
        func y(_ value: Double) -> Double { Self.height - (value - low) / span * Self.height }
        lines = columns.enumerated().map { offset, index in
            Line(
                label: table.columns[index], color: Self.palette[offset % Self.palette.count],
                points: table.rows.indices.map { row in
                    "\(Self.coordinate(x(row))),\(Self.coordinate(y(table.rows[row][index].number ?? 0)))"
                }.joined(separator: " "),
                latest: format(table.columns[index], table.rows[count - 1][index]))
        }
        // The axis reads in the unit of the lines (tickets when the first one is in tickets).
        let unit = table.columns[columns[0]]
        yMax = format(unit, Self.cell(high))
        yMin = format(unit, Self.cell(low))
        xFirst = table.rows[0][0].text
        xLast = table.rows[count - 1][0].text
        diagonal = kind == .curve
    }

    private static func coordinate(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }

    /// A whole number as an integer cell (so ticket columns format as tickets), anything else as a ratio.
    private static func cell(_ value: Double) -> Table.Cell {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int64(value)) : .ratio(value)
    }
}
