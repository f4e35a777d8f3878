/// A holder of balances. Every account has an explicit integer id and a unique name.
public struct Account: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case player = "player"
        /// An L2 treasury: a company, a state, a game server.
        case org = "org"
        /// Engine-owned: `mint`, `sink`, `escrow` and the AMM pools.
        case system = "system"
    }

    public var id: Int64
    public var name: String
    public var kind: Kind
    /// Journal time (ms since the epoch) of the command that opened the account.
    public var createdAt: Int64

    public init(id: Int64, name: String, kind: Kind, createdAt: Int64) {
        self.id = id
        self.name = name
        self.kind = kind
        self.createdAt = createdAt
    }

    /// Issues new supply; the only account allowed below zero.
    public static let mint = "mint"
    /// Burns supply for good: what arrives here never leaves.
    public static let sink = "sink"
    /// Holds what open orders and running jobs have set aside.
    public static let escrow = "escrow"
    /// Receives the share of fees `rules/sinks.lua` does not burn.
    public static let treasury = "treasury"
    /// The system accounts every ledger starts with.
    public static let systemAccounts = [mint, sink, escrow, treasury]

    /// Names are what players type and see: lower-case letters, digits and `_ - .`, at most 64 bytes.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy {
                ($0.isASCIIAlphanumeric && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0))
                    || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: ".")
            }
    }
}
