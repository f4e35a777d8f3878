import LuaBridge

/// The questions patents ask `rules/patents.lua`, with their documented defaults.
extension RuleSet {
    /// `patents.lua` `term(p)`: milliseconds a new patent lasts. Default 90 days; at most ten years.
    func patentTerm(recipe: String, inventor: String) throws -> Int64 {
        let limit = 3650 * Self.day
        guard let result = try call("patents.lua", "term", .patent, [.string(recipe), .string(inventor)]) else { return 90 * Self.day }
        let term = try checked("term()") { try result.int() }
        guard (1...limit).contains(term) else {
            throw Rejection.ruleFailed("patents.lua: term() returned \(term); it must be 1 to \(limit) milliseconds (ten years)")
        }
        return term
    }

    /// `patents.lua` `sink_share(r)`: the part of one royalty that goes the way of a fee (burned and to
    /// the treasury as `sinks.lua` splits it) instead of to the holder. Default: a tenth, rounded down.
    func royaltySinkShare(recipe: String, royalty: Int64, holder: String, crafter: String) throws -> Int64 {
        let values: [LuaValue] = [.string(recipe), .integer(royalty), .string(holder), .string(crafter)]
        guard let result = try call("patents.lua", "sink_share", .royalty, values) else { return royalty / 10 }
        let share = try checked("sink_share()") { try result.int() }
        guard (0...royalty).contains(share) else {
            throw Rejection.ruleFailed("patents.lua: sink_share() returned \(share); it must be 0 to the royalty's \(royalty)")
        }
        return share
    }
}
