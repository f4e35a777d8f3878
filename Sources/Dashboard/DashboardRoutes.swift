import Dispatch
import Engine
import Foundation
import GRDB
import Hummingbird
import Mustache
import Web

/// The public dashboard's routes: a page per part of the economy, `/data/<series>.csv|json`, and a
/// page per account with search. Read-only: everything comes from the reader, nothing is submitted.
public struct DashboardRoutes: RouteGroup {
    let reader: LedgerReader
    let book: DayBook
    let balances = PlayerBalances()
    let registry: SeriesRegistry
    let library: MustacheLibrary
    /// Today's day number; the test ledgers' clocks decide it there.
    let today: @Sendable () -> Int64

    /// With a store, what the day book has read survives a restart (``DayBookStore``).
    public init(
        reader: LedgerReader, store: DayBookStore? = nil, registry: SeriesRegistry = .standard,
        today: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) / DayBook.dayMilliseconds }
    ) throws {
        self.reader = reader
        book = DayBook(reader: reader, store: store)
        self.registry = registry
        library = try Templates.library()
        self.today = today
    }

    public func addRoutes(to router: Router<BasicRequestContext>) {
        for page in registry.pages {
            router.get(RouterPath(page.path.isEmpty ? "/" : page.path)) { request, _ in
                let range = TimeRange(query: request.uri.queryParameters["days"].map(String.init))
                return Self.html(try await Self.offload { try self.render(page, range: range) })
            }
        }
        router.get("data/:file") { request, context in
            let file = try context.parameters.require("file")
            let range = TimeRange(query: request.uri.queryParameters["days"].map(String.init))
            for (suffix, type) in [(".csv", "text/csv; charset=utf-8"), (".json", "application/json")] where file.hasSuffix(suffix) {
                guard let series = registry.series(named: String(file.dropLast(suffix.count))) else { break }
                let body = try await Self.offload { () -> Data in
                    let table = try series.table(in: try self.context(range))
                    return suffix == ".csv" ? Data(table.csv.utf8) : try table.json(series: series.name)
                }
                return Response(
                    status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                    body: .init(byteBuffer: ByteBuffer(bytes: body)))
            }
            throw HTTPError(.notFound, message: "No series \(file): try /data/supply.csv")
        }
        router.get("accounts") { request, _ in
            let query = request.uri.queryParameters["q"].map(String.init) ?? ""
            return Self.html(try await Self.offload { try self.renderSearch(query) })
        }
        router.get("accounts/:name") { _, context in
            let name = try context.parameters.require("name")
            guard Account.isValidName(name), let page = try await Self.offload({ try self.renderAccount(name) }) else {
                throw HTTPError(.notFound, message: "No account named \(name).")
            }
            return Self.html(page)
        }
    }

    private static func html(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Reads the per-day totals up to the last commit in the background, so the first visitor after a
    /// start does not wait for the entries committed since the last save to be read.
    public func warmUp() {
        let book = book
        DispatchQueue.global().async { _ = try? book.read() }
    }

    func context(_ range: TimeRange) throws -> SeriesContext {
        let book = try book.read()
        return SeriesContext(reader: reader, book: book, balances: balances, range: range.span(in: book.days, today: today()))
    }

    func render(_ page: DashboardPage, range: TimeRange) throws -> String {
        let context = try context(range)
        var view = PageView(title: page.title, current: page.path, registry: registry, range: range)
        for name in page.series {
            guard let series = registry.series(named: name) else { continue }
            view.panels.append(PageView.panel(series, table: try series.table(in: context), range: range))
        }
        return library.render(view, withTemplate: "page") ?? ""
    }

    func renderSearch(_ query: String) throws -> String {
        let results = try reader.aggregate { db in
            try Row.fetchAll(db, sql: """
                SELECT a.name, a.kind, COALESCE(b.amount, 0) AS tickets FROM accounts a
                LEFT JOIN balances b ON b.account_id = a.id AND b.asset_id = (SELECT id FROM assets WHERE code = ?)
                WHERE substr(a.name, 1, length(?)) = ? ORDER BY a.name LIMIT 100
                """, arguments: [Asset.ticket.code, query, query])
        }.map {
            AccountsView.Result(
                name: $0["name"], kind: $0["kind"], tickets: Amount.format($0["tickets"] as Int64, scale: Asset.ticket.scale))
        }
        let view = AccountsView(
            page: PageView(title: "Accounts", current: "accounts", registry: registry, range: nil), query: query, results: results)
        return library.render(view, withTemplate: "accounts") ?? ""
    }

    /// Nil when there is no such account.
    func renderAccount(_ name: String) throws -> String? {
        guard let account = try reader.account(named: name) else { return nil }
        let scales = try AssetScales(reader).scales
        let limit = 50
        let view = AccountView(
            page: PageView(title: name, current: "accounts", registry: registry, range: nil), name: name,
            kind: account.kind.rawValue, opened: account.createdAt == 0 ? "at the start" : AccountView.time(account.createdAt),
            holdings: try reader.balances(of: name).map {
                AccountView.Holding(asset: $0.asset.code, amount: Amount.format($0.amount, scale: $0.asset.scale))
            },
            limit: limit,
            movements: try reader.history(of: name, limit: limit).map {
                AccountView.Movement(
                    seq: $0.seq, at: AccountView.time($0.at), from: $0.posting.from, to: $0.posting.to,
                    amount: Amount.format($0.posting.amount, scale: scales[$0.posting.asset] ?? 0) + " " + $0.posting.asset)
            })
        return library.render(view, withTemplate: "account") ?? ""
    }

    /// Runs the SQL and rendering off the cooperative pool: a read of many rows must not stall the
    /// server's (or the bot's) tasks sharing it.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { done in
            DispatchQueue.global().async { done.resume(with: Result { try work() }) }
        }
    }
}
