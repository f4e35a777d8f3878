import Mustache

/// The dashboard's Mustache templates. Everything a page needs is in it (styles inline, charts as
/// SVG): it works with no internet, and reloads itself every minute.
enum Templates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        try library.register(styles, named: "styles")
        try library.register(chart, named: "chart")
        try library.register(head, named: "head")
        try library.register(foot, named: "foot")
        try library.register(page, named: "page")
        try library.register(accounts, named: "accounts")
        try library.register(account, named: "account")
        return library
    }

    /// The page styles, shared with the simulator's report.
    static let styles = """
        <style>
        body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #111827; background: #f9fafb; }
        header { background: #111827; color: #f9fafb; padding: .6rem 1rem; }
        header h1 { font-size: 1.1rem; margin: 0 0 .3rem; }
        nav, .ranges { display: flex; flex-wrap: wrap; gap: .2rem .8rem; }
        nav a, .ranges a { color: #d1d5db; text-decoration: none; white-space: nowrap; }
        nav a[aria-current], .ranges a[aria-current] { color: #fff; font-weight: 600; border-bottom: 2px solid #60a5fa; }
        .ranges { margin-top: .3rem; font-size: .85rem; }
        main { max-width: 72rem; margin: 0 auto; padding: .5rem; display: grid; gap: .8rem;
               grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); }
        section { background: #fff; border: 1px solid #e5e7eb; border-radius: .5rem; padding: .8rem; overflow-x: auto; }
        section.wide { grid-column: 1 / -1; }
        h2 { font-size: 1rem; margin: 0 0 .3rem; }
        p.summary { color: #4b5563; font-size: .85rem; margin: 0 0 .5rem; }
        svg.chart { width: 100%; height: auto; background: #fff; }
        .legend { font-size: .8rem; display: flex; flex-wrap: wrap; gap: .2rem .9rem; margin: .3rem 0; }
        .legend span::before { content: ""; display: inline-block; width: .7rem; height: .7rem; margin-right: .3rem;
                               background: var(--c); border-radius: 2px; }
        .axis { display: flex; justify-content: space-between; font-size: .75rem; color: #6b7280; }
        table { border-collapse: collapse; font-size: .85rem; width: 100%; }
        th, td { padding: .2rem .5rem; border-bottom: 1px solid #f3f4f6; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .data { font-size: .8rem; margin: .4rem 0 0; }
        form input { font: inherit; padding: .3rem; width: min(20rem, 70%); }
        footer { text-align: center; font-size: .8rem; color: #6b7280; padding: 1rem; }
        </style>
        """

    /// One ``ChartView`` as inline SVG with its axis labels and legend, shared with the simulator's report.
    static let chart = """
        <div class="axis"><span>{{yMax}}</span></div>
        <svg class="chart" viewBox="0 0 {{width}} {{height}}" preserveAspectRatio="none" role="img" aria-label="{{title}}">
        <line x1="0" y1="{{bottom}}" x2="{{width}}" y2="{{bottom}}" stroke="#9ca3af" stroke-width="1"/>
        {{#diagonal}}<line x1="0" y1="{{height}}" x2="{{width}}" y2="0" stroke="#9ca3af" stroke-dasharray="4 4"/>{{/diagonal}}
        {{#lines}}<polyline class="series" fill="none" stroke="{{color}}" stroke-width="2" vector-effect="non-scaling-stroke" points="{{points}}"><title>{{label}}</title></polyline>
        {{/lines}}
        </svg>
        <div class="axis"><span>{{xFirst}}</span><span>{{yMin}}</span><span>{{xLast}}</span></div>
        <div class="legend">On {{xLast}}: {{#lines}}<span style="--c: {{color}}">{{label}}: {{latest}}</span>{{/lines}}</div>
        """

    static let head = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="60">
        <title>{{title}} · Ticketonomics</title>
        <link rel="icon" href="data:,">
        {{> styles}}
        </head>
        <body>
        <header>
        <h1>Ticketonomics · the economy, live</h1>
        <nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a>{{/nav}}</nav>
        {{#showRanges}}<div class="ranges">Show: {{#ranges}}<a href="?days={{value}}"{{#current}} aria-current="true"{{/current}}>{{label}}</a>{{/ranges}}</div>{{/showRanges}}
        </header>
        """

    static let foot = """
        <footer>Public and read-only, computed from the ledger; refreshes every minute. Raw data: <code>/data/&lt;series&gt;.csv</code> and <code>.json</code>. Operations: <a href="/metrics">/metrics</a>.</footer>
        </body>
        </html>
        """

    static let page = """
        {{> head}}
        <main>
        {{#panels}}
        <section id="{{name}}"{{#wide}} class="wide"{{/wide}}>
        <h2>{{title}}</h2>
        <p class="summary">{{summary}}</p>
        {{#chart}}
        {{> chart}}
        {{/chart}}
        {{#table}}
        <table>
        <thead><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        </table>
        {{/table}}
        <p class="data">Data: <a href="/data/{{name}}.csv?days={{days}}">CSV</a> · <a href="/data/{{name}}.json?days={{days}}">JSON</a></p>
        </section>
        {{/panels}}
        </main>
        {{> foot}}
        """

    static let accounts = """
        {{#page}}{{> head}}{{/page}}
        <main>
        <section>
        <h2>Accounts</h2>
        <p class="summary">Every balance and movement is public. Search an account by the start of its name.</p>
        <form action="/accounts" method="get"><input type="search" name="q" value="{{query}}" placeholder="name" aria-label="account name"> <button>Search</button></form>
        <table>
        <thead><tr><th>account</th><th>kind</th><th>tickets</th></tr></thead>
        <tbody>{{#results}}<tr><td><a href="/accounts/{{name}}">{{name}}</a></td><td>{{kind}}</td><td>{{tickets}}</td></tr>{{/results}}</tbody>
        </table>
        {{^results}}<p>No account starts with “{{query}}”.</p>{{/results}}
        </section>
        </main>
        {{> foot}}
        """

    static let account = """
        {{#page}}{{> head}}{{/page}}
        <main>
        <section>
        <h2>{{name}}</h2>
        <p class="summary">A {{kind}} account, opened {{opened}}.</p>
        <table>
        <thead><tr><th>holding</th><th>amount</th></tr></thead>
        <tbody>{{#holdings}}<tr><td>{{asset}}</td><td>{{amount}}</td></tr>{{/holdings}}</tbody>
        </table>
        {{^holdings}}<p>Holds nothing.</p>{{/holdings}}
        </section>
        <section>
        <h2>History</h2>
        <p class="summary">The last {{limit}} movements, newest first, with the journal entry each came from.</p>
        <table>
        <thead><tr><th>entry</th><th>when (UTC)</th><th>from</th><th>to</th><th>amount</th></tr></thead>
        <tbody>{{#movements}}<tr><td>{{seq}}</td><td>{{at}}</td><td><a href="/accounts/{{from}}">{{from}}</a></td><td><a href="/accounts/{{to}}">{{to}}</a></td><td>{{amount}}</td></tr>{{/movements}}</tbody>
        </table>
        </section>
        </main>
        {{> foot}}
        """
}
