/// Account, asset and rule-set ids by name, remembered by the writer so the hot path skips the lookups.
///
/// Names never change and rows are never deleted, so an id read from a committed row stays right. A
/// row read inside an uncommitted savepoint may still be taken back: every entry is logged, and a
/// rolled-back savepoint forgets what it added (``forget(since:)``); a failed commit forgets all.
final class NameCache {
    struct AccountRef { var id: Int64; var kind: Account.Kind }
    struct AssetRef { var id: Int64; var scale: Int }

    private(set) var accounts: [String: AccountRef] = [:]
    private(set) var assets: [String: AssetRef] = [:]
    /// Journal rule sets by their text (`fees.lua@…,sinks.lua@…`).
    private(set) var ruleSets: [String: Int64] = [:]
    private enum Kind { case account, asset, ruleSet }
    /// Names added since the last commit, in order; a savepoint remembers its length.
    private var log: [(kind: Kind, name: String)] = []

    var mark: Int { log.count }

    func remember(account name: String, _ ref: AccountRef) {
        accounts[name] = ref
        log.append((.account, name))
    }

    func remember(asset code: String, _ ref: AssetRef) {
        assets[code] = ref
        log.append((.asset, code))
    }

    func remember(ruleSet versions: String, _ id: Int64) {
        ruleSets[versions] = id
        log.append((.ruleSet, versions))
    }

    /// Forgets what was added after `mark`: its savepoint was rolled back.
    func forget(since mark: Int) {
        for entry in log[mark...] {
            switch entry.kind {
            case .account: accounts[entry.name] = nil
            case .asset: assets[entry.name] = nil
            case .ruleSet: ruleSets[entry.name] = nil
            }
        }
        log.removeSubrange(mark...)
    }

    /// Everything added so far is committed.
    func committed() { log.removeAll(keepingCapacity: true) }

    func forgetAll() {
        accounts.removeAll()
        assets.removeAll()
        ruleSets.removeAll()
        log.removeAll()
    }
}
