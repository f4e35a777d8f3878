/// An L2 organization: an `org` account with members, roles, a treasury (its tickets) and an
/// inventory (its items). The kind decides the built-in roles and what the org may do; game servers
/// will join as a third kind.
public struct Org: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Makes and sells: factories, assembly lines, payroll, crafting as a service.
        case company = "company"
        /// Has citizens, an admission rule and a tax on their transfers, fills and crafts.
        case state = "state"

        /// The roles every org of this kind starts with, the first being its top role (the one that
        /// governs and may dissolve), the last the one a newcomer gets.
        public var builtInRoles: [OrgRole] {
            switch self {
            case .company:
                [
                    OrgRole(name: "owner", permissions: Set(OrgPermission.allCases)),
                    OrgRole(name: "director", permissions: Set(OrgPermission.allCases).subtracting([.govern])),
                    OrgRole(name: "member", permissions: []),
                ]
            case .state:
                [
                    OrgRole(name: "governor", permissions: Set(OrgPermission.allCases)),
                    OrgRole(name: "treasurer", permissions: [.spend, .inventory, .trade]),
                    OrgRole(name: "citizen", permissions: []),
                ]
            }
        }

        public var topRole: String { builtInRoles[0].name }
        public var newcomerRole: String { builtInRoles[builtInRoles.count - 1].name }
    }

    /// The org's account name: its treasury and inventory are that account's balances.
    public var name: String
    public var kind: Kind
    public var founder: String
    /// SHA-256 of a state's tax rule, stored in `rule_versions`; nil until the governor sets one.
    public var taxRule: String?
    /// Milliseconds between paydays; nil when there is no payroll.
    public var payrollPeriod: Int64?
    public var dissolved: Bool

    /// A payroll period as players write it, "1d", "12h", "30m", "45s" (or "0": none), in milliseconds;
    /// nil when it is not one.
    public static func period(_ text: String) -> Int64? {
        if text == "0" { return 0 }
        let units: [Character: Int64] = ["d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0 else { return nil }
        let (millis, overflow) = count.multipliedReportingOverflow(by: unit)
        return overflow ? nil : millis
    }
}

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

/// One stage of an assembly line: a recipe crafted in one of the org's factories.
public struct LineStage: Codable, Sendable, Hashable {
    public var factory: Int64
    public var recipe: String

    enum CodingKeys: String, CodingKey { case factory = "factory", recipe = "recipe" }

    public init(factory: Int64, recipe: String) {
        self.factory = factory
        self.recipe = recipe
    }
}
