/// The days a visitor asked to see: `?days=7|30|90|365|all`, the last 30 by default.
struct TimeRange: Sendable, Hashable {
    /// Nil: every day since the first entry.
    var days: Int64?

    static let choices: [(label: String, value: String)] = [
        ("7 days", "7"), ("30 days", "30"), ("90 days", "90"), ("1 year", "365"), ("all", "all"),
    ]

    init(query: String?) {
        switch query {
        case "all": days = nil
        case let text?: days = Int64(text).flatMap { (1...3660).contains($0) ? $0 : nil } ?? 30
        case nil: days = 30
        }
    }

    var value: String { days.map(String.init) ?? "all" }

    /// The range of day numbers ending on the last day with activity (or `today` when there is none).
    func span(in book: [Int64: DayBook.Day], today: Int64) -> ClosedRange<Int64> {
        let last = max(book.keys.max() ?? today, today)
        let first = days.map { last - $0 + 1 } ?? (book.keys.min() ?? last)
        return min(first, last)...last
    }
}
