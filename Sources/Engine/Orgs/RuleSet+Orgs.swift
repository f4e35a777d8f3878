import LuaBridge

/// The questions organizations ask the rules: `rules/companies.lua` for the creation fee, and each
/// state's own rule (`states/<name>.lua`, stored in the ledger) for its taxes and admissions.
extension RuleSet {
    /// `companies.lua` `creation_fee(c)`: tickets to open a company or a state. No file: free.
    func creationFee(kind: Org.Kind, name: String, founder: String) throws -> Int64 {
        let values: [LuaValue] = [.string(kind.rawValue), .string(name), .string(founder)]
        guard let result = try call("companies.lua", "creation_fee", .orgCreation, values) else { return 0 }
        let fee = try checked { try result.int() }
        guard fee >= 0 else { throw Rejection.ruleFailed("companies.lua: creation_fee() returned \(fee); it cannot be negative") }
        return fee
    }

    /// The sandbox name of a state's rule.
    static func stateRule(_ state: String) -> String { "states/\(state).lua" }

    /// The state rule's `tax(t)`: tickets its citizen pays on one transfer, fill or craft, at most
    /// `limit`. No function: no tax.
    func stateTax(_ state: String, kind: TaxKind, amount: Int64, asset: String, citizen: String, to: String, limit: Int64) throws -> Int64 {
        let script = Self.stateRule(state)
        let values: [LuaValue] = [.string(kind.rawValue), .integer(amount), .string(asset), .string(citizen), .string(to)]
        guard let result = try call(script, "tax", .tax, values) else { return 0 }
        let tax = try checked { try result.int() }
        guard (0...limit).contains(tax) else {
            throw Rejection.ruleFailed("\(script): tax() returned \(tax); it must be between 0 and \(limit)")
        }
        return tax
    }

    /// The state rule's `admit(c)`: nil to admit, or the reason, in words, for refusing. No function:
    /// everyone is admitted.
    func admissionRefusal(state: String, account: String, citizens: Int64) throws -> String? {
        let script = Self.stateRule(state)
        let values: [LuaValue] = [.string(state), .string(account), .integer(citizens)]
        guard let result = try call(script, "admit", .admission, values) else { return nil }
        switch result.value {
        case .bool(true): return nil
        case .string(let reason) where !reason.isEmpty && reason.utf8.count <= Ledger.maxMemoLength && PlainText.isPlain(reason):
            return reason
        default:
            throw Rejection.ruleFailed(
                "\(script): admit() must return true or, to refuse, one line of at most \(Ledger.maxMemoLength) bytes saying why")
        }
    }
}

/// What a state taxes: its citizens' transfers, market sales and crafts.
public enum TaxKind: String, Sendable {
    case transfer = "transfer", fill = "fill", craft = "craft"
}
