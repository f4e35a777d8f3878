/// A patent holder's permission for one account to craft the patented recipe, for a royalty per craft
/// start, optionally for a number of crafts and until a time. A new grant to the same licensee replaces
/// the old one.
public struct LicenseGrant: Codable, Sendable, Hashable {
    public var holder: String
    public var recipe: String
    public var licensee: String
    /// Ticket minor units per craft start, paid to whoever holds the patent then.
    public var royalty: Int64
    /// Craft starts it covers; nil: unlimited.
    public var crafts: Int64?
    /// Milliseconds from the grant until it lapses; nil: until the patent expires.
    public var expiresIn: Int64?

    /// Journal keys, fixed apart from the property names.
    enum CodingKeys: String, CodingKey {
        case holder = "holder", recipe = "recipe", licensee = "licensee", royalty = "royalty", crafts = "crafts"
        case expiresIn = "expiresIn"
    }

    public init(holder: String, recipe: String, licensee: String, royalty: Int64, crafts: Int64? = nil, expiresIn: Int64? = nil) {
        self.holder = holder
        self.recipe = recipe
        self.licensee = licensee
        self.royalty = royalty
        self.crafts = crafts
        self.expiresIn = expiresIn
    }
}
