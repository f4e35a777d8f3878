/// A patent as players read it.
public struct Patent: Codable, Sendable, Hashable {
    /// One license granted by a holder.
    public struct License: Codable, Sendable, Hashable {
        public var licensee: String
        public var royalty: Int64
        /// Craft starts it still covers; nil: unlimited.
        public var craftsLeft: Int64?
        public var expiresAt: Int64?
        /// Royalties paid under it so far.
        public var paid: Int64
    }

    public var recipe: String
    /// The item that carries it: `patent.<recipe>`.
    public var item: String
    /// Whoever holds the item now (or offers it on the market); nil only if it was burned.
    public var holder: String?
    public var proposal: Int64
    public var expiresAt: Int64
    /// The royalty anyone may craft for, if the holder published open terms.
    public var openRoyalty: Int64?
    /// Royalties paid to holders so far (after the sink's share).
    public var earned: Int64
    public var licenses: [License]
}
