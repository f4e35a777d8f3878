import Engine
import Mustache

/// One self-contained HTML page comparing runs of the economy side by side (the simulator's report):
/// for each series a row of the dashboard's own charts, one per run, and a summary table on top.
/// Styles inline and charts as SVG, so the file opens anywhere with no server and no internet.
public struct ComparisonReport {
    /// One run: its name and its series' tables, in the order the rows appear.
    public struct Run: Sendable {
        public var name: String
        public var tables: [(series: any Series, table: Table)]

        public init(name: String, tables: [(series: any Series, table: Table)]) {
            self.name = name
            self.tables = tables
        }
    }

    struct View {
        struct Cell {
            var run: String
            var chart: ChartView?
            var title: String
        }

        struct Row {
            var name: String
            var title: String
            var summary: String
            var cells: [Cell]
        }

        var title: String
        var subtitle: String
        var summary: PageView.TableView
        var rows: [Row]
        var columns: Int
    }

    public let title: String
    public let subtitle: String
    public let summary: Table
    public let runs: [Run]

    public init(title: String, subtitle: String, summary: Table, runs: [Run]) {
        self.title = title
        self.subtitle = subtitle
        self.summary = summary
        self.runs = runs
    }

    public func html() throws -> String {
        var library = try Templates.library()
        try library.register(Self.template, named: "comparison")
        let names = runs.first?.tables.map(\.series.name) ?? []
        let rows = names.enumerated().map { index, name in
            let series = runs[0].tables[index].series
            return View.Row(
                name: name, title: series.title, summary: series.summary,
                cells: runs.map { run in
                    let panel = PageView.panel(series, table: run.tables[index].table, range: TimeRange(query: "all"))
                    return View.Cell(run: run.name, chart: panel.chart, title: "\(series.title), \(run.name)")
                })
        }
        let view = View(
            title: title, subtitle: subtitle,
            summary: PageView.TableView(
                columns: summary.columns,
                rows: summary.rows.map { PageView.TableView.Row(cells: $0.map(\.text)) }),
            rows: rows, columns: max(1, runs.count))
        return library.render(view, withTemplate: "comparison") ?? ""
    }

    static let template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Ticketonomics</title>
        <link rel="icon" href="data:,">
        {{> styles}}
        <style>
        main.report { display: block; max-width: none; }
        .runs { display: grid; gap: .8rem; grid-template-columns: repeat({{columns}}, minmax(18rem, 1fr)); }
        h3 { font-size: .9rem; margin: 0 0 .2rem; }
        </style>
        </head>
        <body>
        <header><h1>{{title}}</h1><div class="ranges">{{subtitle}}</div></header>
        <main class="report">
        <section>
        <h2>Summary</h2>
        {{#summary}}
        <table>
        <thead><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        </table>
        {{/summary}}
        </section>
        {{#rows}}
        <section id="{{name}}">
        <h2>{{title}}</h2>
        <p class="summary">{{summary}}</p>
        <div class="runs">
        {{#cells}}<div><h3>{{run}}</h3>{{#chart}}{{> chart}}{{/chart}}{{^chart}}<p>Nothing to draw.</p>{{/chart}}</div>
        {{/cells}}
        </div>
        </section>
        {{/rows}}
        </main>
        <footer>Written by <code>tix simulate</code>; the data of every chart is in the CSV files beside this page.</footer>
        </body>
        </html>
        """
}
