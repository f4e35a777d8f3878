/// The names an export gives the ledger's accounts and assets, within beancount 3's rules (which
/// hledger accepts too): account names are `Assets|Liabilities|Equity|Income|Expenses` followed by
/// components starting with a capital letter or digit, made of letters, digits and `-`; commodities are
/// upper-case, at most 24 characters, starting with a letter and ending with a letter or digit.
///
/// Both mappings are one-to-one, so no two ledger names share an export name (docs/exports.md):
/// - an account's component is its name with the first letter capitalised, and `-`, `_`, `.` written as
///   `-H`, `-U`, `-D` (ledger names are lower-case, so an upper-case letter after `-` is always an
///   escape); a name starting with `_`, `.` or `-` gets the prefix `X-X`, which no escape produces;
/// - players live under `Assets:Players`, organisations under `Assets:Orgs`, pools under `Assets:Pools`,
///   `mint` is `Equity:Mint` (where issued supply comes from), `sink` is `Expenses:Sink` (what is burned)
///   and the other engine accounts (`escrow`, `treasury`) are under `Assets:System`;
/// - a commodity is the asset code upper-cased when that is valid and unused; otherwise (a code that
///   differs from another only by case, is too long, or starts or ends badly) it is the upper-cased code,
///   cut to fit, followed by `.` and the asset's id: no plain name holds a `.`, and ids are unique.
public struct ExportNames: Sendable {
    /// Export names of accounts by id.
    public let accounts: [Int64: String]
    /// Commodity names by asset id.
    public let commodities: [Int64: String]
    /// Ledger accounts and assets by id, for what the exports show beside the names.
    public let ledgerAccounts: [Int64: Account]
    public let assets: [Int64: Asset]

    public init(accounts: [Account], assets: [Int64: Asset]) {
        ledgerAccounts = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) })
        self.accounts = ledgerAccounts.mapValues(Self.accountName)
        self.assets = assets
        var taken = Set<String>()
        var commodities: [Int64: String] = [:]
        for (id, asset) in assets.sorted(by: { $0.key < $1.key }) {
            let name = Self.commodity(asset.code, id: id, taken: taken)
            taken.insert(name)
            commodities[id] = name
        }
        self.commodities = commodities
    }

    /// The full export name of a ledger account.
    static func accountName(_ account: Account) -> String {
        switch (account.kind, account.name) {
        case (.system, Account.mint): "Equity:Mint"
        case (.system, Account.sink): "Expenses:Sink"
        case (.system, let name) where Account.isPool(name): "Assets:Pools:" + component(String(name.dropFirst(Account.poolPrefix.count)))
        case (.system, let name): "Assets:System:" + component(name)
        case (.org, let name): "Assets:Orgs:" + component(name)
        case (.player, let name): "Assets:Players:" + component(name)
        }
    }

    /// One account-name component for a ledger name (one-to-one, see the type's notes).
    static func component(_ name: String) -> String {
        var out = ""
        for (index, scalar) in name.unicodeScalars.enumerated() {
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isDigit = ("0"..."9").contains(scalar)
            if index == 0 {
                if isLetter { out += String(scalar).uppercased(); continue }
                if !isDigit { out += "X-X" }
            }
            switch scalar {
            case "-": out += "-H"
            case "_": out += "-U"
            case ".": out += "-D"
            default: out.unicodeScalars.append(isLetter || isDigit ? scalar : "X")
            }
        }
        return out.isEmpty ? "X-X" : out
    }

    /// The commodity name of an asset code, given the names already handed out.
    static func commodity(_ code: String, id: Int64, taken: Set<String>) -> String {
        let upper = code.uppercased()
        let plain = upper.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        if plain, upper.count <= 24, let first = upper.unicodeScalars.first, ("A"..."Z").contains(first),
            upper.last != "_", !taken.contains(upper)
        {
            return upper
        }
        let suffix = "." + String(id)
        var stem = String(upper.unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        if !(stem.unicodeScalars.first.map { ("A"..."Z").contains($0) } ?? false) { stem = "X" + stem }
        return String(stem.prefix(24 - suffix.count)) + suffix
    }
}
