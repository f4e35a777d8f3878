/// What a role lets its holders do for the org.
public enum OrgPermission: String, Codable, Sendable, CaseIterable, Comparable {
    /// Pay tickets out of the treasury (withdraw, pay, fees of its commands).
    case spend = "spend"
    /// Move items out of the shared inventory.
    case inventory = "inventory"
    /// Build and fit factories, start and stop crafts and assembly lines.
    case factories = "factories"
    /// Trade on the AMM and the P2P market as the org.
    case trade = "trade"
    /// Invite, kick, give roles and set wages.
    case hire = "hire"
    /// Set the prices the org charges (crafting as a service).
    case prices = "prices"
    /// Define roles, set the tax rule and payroll period, dissolve.
    case govern = "govern"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A role: a set of permissions and an optional cap on the tickets each holder may move out of the
/// treasury per journal day (UTC).
public struct OrgRole: Codable, Sendable, Hashable {
    public var name: String
    public var permissions: Set<OrgPermission>
    /// Ticket minor units per member per day; nil: no cap.
    public var dailyCap: Int64?

    enum CodingKeys: String, CodingKey { case name = "name", permissions = "permissions", dailyCap = "dailyCap" }

    public init(name: String, permissions: Set<OrgPermission>, dailyCap: Int64? = nil) {
        self.name = name
        self.permissions = permissions
        self.dailyCap = dailyCap
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        permissions = Set(try c.decode([OrgPermission].self, forKey: .permissions))
        dailyCap = try c.decodeIfPresent(Int64.self, forKey: .dailyCap)
    }

    /// Permissions sorted, so the journal encoding of a role is canonical.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(permissions.sorted(), forKey: .permissions)
        try c.encodeIfPresent(dailyCap, forKey: .dailyCap)
    }

    /// How the `org_roles` table stores the permissions: sorted, comma-separated.
    var storedPermissions: String { permissions.sorted().map(\.rawValue).joined(separator: ",") }

    static func permissions(stored: String) -> Set<OrgPermission> {
        Set(stored.split(separator: ",").compactMap { OrgPermission(rawValue: String($0)) })
    }

    /// Role names are plain words players type: the rules of account names, at most 32 bytes.
    static func isValidName(_ name: String) -> Bool { name.utf8.count <= 32 && Account.isValidName(name) }
}
