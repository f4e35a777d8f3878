/// What an API key may do. A request needs its endpoint's scope; nothing else is implied.
public enum ApiScope: String, Codable, Sendable, CaseIterable, Comparable {
    case balancesRead = "balances:read"
    case historyRead = "history:read"
    /// The org pays players from its treasury (quest rewards).
    case pay = "pay"
    /// The org charges players who allowed it (land rent); also issues link codes.
    case charge = "charge"
    case items = "items"
    case webhooks = "webhooks"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// "pay,charge" as the CLI and the ledger store it; nil when one of the names is not a scope.
    public static func parse(_ text: String) -> [ApiScope]? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let scopes = parts.compactMap(ApiScope.init(rawValue:))
        return scopes.count == parts.count && !scopes.isEmpty ? Array(Set(scopes)).sorted() : nil
    }
}
