/// Account and asset ids by name, remembered by the writer so the hot path skips the lookups.
///
/// Names never change and rows are never deleted, so an id read from a committed row stays right. A
/// row read inside an uncommitted savepoint may still be taken back: every entry is logged, and a
/// rolled-back savepoint forgets what it added (``forget(since:)``); a failed commit forgets all.
final class NameCache {
    struct AccountRef { var id: Int64; var kind: Account.Kind }
    struct AssetRef { var id: Int64; var scale: Int }

    private(set) var accounts: [String: AccountRef] = [:]
    private(set) var assets: [String: AssetRef] = [:]
    /// Names added since the last commit, in order; a savepoint remembers its length.
    private var log: [(account: Bool, name: String)] = []

    var mark: Int { log.count }

    func remember(account name: String, _ ref: AccountRef) {
        accounts[name] = ref
        log.append((true, name))
    }

    func remember(asset code: String, _ ref: AssetRef) {
        assets[code] = ref
        log.append((false, code))
    }

    /// Forgets what was added after `mark`: its savepoint was rolled back.
    func forget(since mark: Int) {
        for entry in log[mark...] {
            if entry.account { accounts[entry.name] = nil } else { assets[entry.name] = nil }
        }
        log.removeSubrange(mark...)
    }

    /// Everything added so far is committed.
    func committed() { log.removeAll(keepingCapacity: true) }

    func forgetAll() {
        accounts.removeAll()
        assets.removeAll()
        log.removeAll()
    }
}
