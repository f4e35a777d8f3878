/// An L2 organization: an `org` account with members, roles, a treasury (its tickets) and an
/// inventory (its items). The kind decides the built-in roles and what the org may do.
public struct Org: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Makes and sells: factories, assembly lines, payroll, crafting as a service.
        case company = "company"
        /// Has citizens, an admission rule and a tax on their transfers, fills and crafts.
        case state = "state"
        /// A game server (Minecraft): pays and charges players through the HTTP API with its keys.
        case game = "game"

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
            case .game:
                [
                    OrgRole(name: "owner", permissions: Set(OrgPermission.allCases)),
                    OrgRole(name: "operator", permissions: [.spend, .inventory, .trade]),
                    OrgRole(name: "member", permissions: []),
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
