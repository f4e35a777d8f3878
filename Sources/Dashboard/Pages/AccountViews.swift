import Foundation

/// The search page's model.
struct AccountsView {
    struct Result {
        var name: String
        var kind: String
        var tickets: String
    }

    var page: PageView
    var query: String
    var results: [Result]
}

/// An account's public page: what it holds and its last movements.
struct AccountView {
    struct Holding {
        var asset: String
        var amount: String
    }

    struct Movement {
        var seq: Int64
        var at: String
        var from: String
        var to: String
        var amount: String
    }

    var page: PageView
    var name: String
    var kind: String
    var opened: String
    var holdings: [Holding]
    var limit: Int
    var movements: [Movement]

    /// `2026-12-01 18:05` for journal time.
    static func time(_ at: Int64) -> String {
        let day = at / DayBook.dayMilliseconds
        let minutes = (at % DayBook.dayMilliseconds) / 60_000
        return SeriesContext.date(day) + String(format: " %02d:%02d", minutes / 60, minutes % 60)
    }
}
