/// Issued, burned and circulating tickets by day, and the net issuance (faucets − sinks).
struct SupplySeries: Series {
    let name = "supply"
    let title = "Money supply"
    let summary = "Tickets issued by faucets and burned by sinks each day; circulating is everything issued and not burned, at the end of the day."
    let chart = ChartKind.lines
    func isTickets(_ column: String) -> Bool { true }

    func table(in context: SeriesContext) throws -> Table {
        var circulating = context.circulatingBefore
        return context.daily(["issued", "burned", "net_issuance", "circulating"]) { _, day in
            circulating += day.issued - day.burned
            return [.int(day.issued), .int(day.burned), .int(day.issued - day.burned), .int(circulating)]
        }
    }
}
