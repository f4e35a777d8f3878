import Engine

/// What the page template shows: the navigation, the range choices and one panel per series.
struct PageView {
    struct Link {
        var href: String
        var title: String
        var current: Bool
    }

    struct Choice {
        var label: String
        var value: String
        var current: Bool
    }

    struct Panel {
        var name: String
        var title: String
        var summary: String
        var days: String
        var chart: ChartView?
        var table: TableView?
        /// A table too wide for half the page spans the whole width instead of scrolling sideways.
        var wide: Bool { (table?.columns.count ?? 0) > 5 }
    }

    struct TableView {
        struct Row { var cells: [String] }
        var columns: [String]
        var rows: [Row]
    }

    var title: String
    var nav: [Link]
    var showRanges: Bool
    var ranges: [Choice]
    var panels: [Panel] = []

    init(title: String, current: String, registry: SeriesRegistry, range: TimeRange?) {
        self.title = title
        nav = registry.pages.map { Link(href: "/" + $0.path, title: $0.title, current: $0.path == current) }
            + [Link(href: "/accounts", title: "Accounts", current: current == "accounts")]
        showRanges = range != nil
        ranges = TimeRange.choices.map { Choice(label: $0.label, value: $0.value, current: $0.value == range?.value) }
    }

    /// A panel: the chart for daily series, the table for figures of the moment.
    static func panel(_ series: any Series, table: Table, range: TimeRange) -> Panel {
        func format(_ column: String, _ cell: Table.Cell) -> String {
            switch cell {
            case .int(let value): series.isTickets(column) ? Amount.format(value, scale: Asset.ticket.scale) : String(value)
            case .ratio(let value): Table.decimal(value)
            case .text(let text): text
            case .none: "—"
            }
        }
        let chart = ChartView(table: table, kind: series.chart, plots: series.plots, format: format)
        let shown = series.chart == .table
            ? TableView(columns: table.columns, rows: table.rows.prefix(100).map { row in
                TableView.Row(cells: zip(table.columns, row).map { format($0, $1) })
            })
            : nil
        return Panel(name: series.name, title: series.title, summary: series.summary, days: range.value, chart: chart, table: shown)
    }
}
