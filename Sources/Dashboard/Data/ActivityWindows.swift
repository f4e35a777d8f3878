/// Weekly and monthly active players and churn per day, from how many players were last active on
/// each day. Active in the 30 days ending on day d means last active (as of d) within them; churned
/// means last active in the 30 days before those. Journal time never goes backwards, so once a later
/// day has activity a day's figures are final: they are kept (`closed`), and only the latest day with
/// activity and the days after it are counted from `lastOn`, a sum over a few dozen days.
public struct ActivityWindows: Sendable, Hashable {
    public struct Window: Sendable, Hashable {
        /// Active in the 7 and the 30 days ending on the day (WAU, MAU).
        public var weekly: Int64 = 0
        public var monthly: Int64 = 0
        /// Active in the 30 days before those 30, not since.
        public var churned: Int64 = 0
    }

    /// How many players were last active on each day, as of `open`; no day with none.
    private(set) var lastOn: [Int64: Int64] = [:]
    /// The latest day with activity.
    private(set) var open: Int64?
    /// The final figures of the days before `open` (none for a day where all were 0).
    private(set) var closed: [Int64: Window] = [:]

    public static let empty = ActivityWindows()

    /// Every day before `open` that is not in `closed` counts 0.
    init(lastOn: [Int64: Int64] = [:], closed: [Int64: Window] = [:]) {
        self.lastOn = lastOn
        open = lastOn.keys.max()
        self.closed = closed
    }

    public func window(on day: Int64) -> Window {
        guard let open, day >= open else { return closed[day] ?? Window() }
        return Window(
            weekly: players(lastActiveIn: day - 6...day), monthly: players(lastActiveIn: day - 29...day),
            churned: players(lastActiveIn: day - 59...day - 30))
    }

    /// A player active on `day`, last active on `before` (nil: never). Returns the days it closed:
    /// those from the previous `open` up to `day`, their windows taken before the move.
    mutating func move(from before: Int64?, to day: Int64) -> [(day: Int64, window: Window)] {
        var closing: [(day: Int64, window: Window)] = []
        if let open, day > open {
            // 60 days after the last activity every window is 0.
            for past in open..<min(day, open + 60) {
                let window = window(on: past)
                if window != Window() { closing.append((past, window)) }
            }
        }
        for (past, window) in closing { closed[past] = window }
        open = max(open ?? day, day)
        if let before { lastOn[before] = lastOn[before].flatMap { $0 > 1 ? $0 - 1 : nil } }
        lastOn[day, default: 0] += 1
        return closing
    }

    private func players(lastActiveIn days: ClosedRange<Int64>) -> Int64 {
        days.reduce(0) { $0 + (lastOn[$1] ?? 0) }
    }
}
