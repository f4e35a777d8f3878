/// Account and asset ids by name, remembered by the writer so the hot path skips the lookups.
///
/// Names never change and rows are never deleted, so a found id stays right; only a transaction that
/// fails to commit can take back a row seen inside it, and the committer then calls ``forgetAll()``.
final class NameCache {
    struct AccountRef { var id: Int64; var kind: Account.Kind }
    struct AssetRef { var id: Int64; var scale: Int }

    var accounts: [String: AccountRef] = [:]
    var assets: [String: AssetRef] = [:]

    func forgetAll() {
        accounts.removeAll()
        assets.removeAll()
    }
}
