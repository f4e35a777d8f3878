/// What an account can hold: the ticket currency or a kind of item.
public struct Asset: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The ticket: the economy's currency.
        case currency = "currency"
        /// Raw materials, priced by the AMM.
        case raw = "raw"
        /// Factory parts such as a Forge or a Lab.
        case component = "component"
        /// Crafted goods, traded player to player.
        case product = "product"
    }

    /// Journal keys, fixed apart from the property names.
    enum CodingKeys: String, CodingKey { case code = "code", kind = "kind", scale = "scale" }

    public var code: String
    public var kind: Kind
    /// Decimal places of one whole unit; amounts are stored in minor units.
    public var scale: Int

    /// The ticket: two decimals, so 1 ticket is 100 minor units.
    public static let ticket = Asset(code: "TIX", kind: .currency, scale: 2)

    public init(code: String, kind: Kind, scale: Int) {
        self.code = code
        self.kind = kind
        self.scale = scale
    }

    /// Asset codes are short and plain so they read well in chats and commands: `TIX`, `ore`, `iron_ingot`.
    public static func isValidCode(_ code: String) -> Bool {
        (1...32).contains(code.utf8.count)
            && code.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0.isASCIIAlphanumeric }
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
