/// The net change a posting makes to one balance.
struct BalanceChange {
    var account: Int64
    var name: String
    var asset: NameCache.AssetRef
    var code: String
    var delta: Int64

    /// Adds `amount` to the change of `account` in `asset`, or starts one. Postings have a few legs,
    /// so a linear search beats hashing.
    static func add(
        _ amount: Int64, to account: (id: Int64, name: String), asset: (ref: NameCache.AssetRef, code: String),
        in changes: inout [BalanceChange]
    ) throws {
        guard let index = changes.firstIndex(where: { $0.account == account.id && $0.asset.id == asset.ref.id }) else {
            changes.append(BalanceChange(account: account.id, name: account.name, asset: asset.ref, code: asset.code, delta: amount))
            return
        }
        let (sum, overflow) = changes[index].delta.addingReportingOverflow(amount)
        guard !overflow else {
            // Only mint's balance may go below zero: anyone else paying this much could never afford it.
            throw amount < 0 && account.name != Account.mint
                ? Rejection.cannotAfford(account: account.name, asset: asset.code) : Rejection.balanceOverflow(account: account.name)
        }
        changes[index].delta = sum
    }
}
