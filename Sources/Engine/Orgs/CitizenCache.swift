/// Which state each citizen belongs to, in memory, so a transfer by a player who belongs to no state
/// pays for state taxes with one dictionary lookup and no SQL or Lua.
///
/// Loaded from the ledger on first use; every change a command makes is logged with the value it
/// replaced, so a rolled-back savepoint puts those back (``undo(since:)``), and a failed commit or a
/// commit by another process (seen through `PRAGMA data_version`) makes it load again.
final class CitizenCache {
    private var states: [String: String] = [:]
    private var loaded = false
    private var dataVersion: Int64?
    /// Changes since the last commit, each with the state it replaced.
    private var log: [(citizen: String, previous: String?)] = []

    var mark: Int { log.count }

    /// The state `account` is a citizen of. O(1) once loaded.
    func state(of account: String, _ db: HotConnection) throws -> String? {
        if !loaded { try load(db) }
        return states.isEmpty ? nil : states[account]  // no state has citizens: not even a hash
    }

    /// Records that `citizen` now belongs to `state` (nil: to none).
    func set(_ citizen: String, to state: String?, _ db: HotConnection) throws {
        if !loaded { try load(db) }
        log.append((citizen, states[citizen]))
        states[citizen] = state
    }

    /// Puts back what was changed after `mark`: its savepoint was rolled back.
    func undo(since mark: Int) {
        guard mark <= log.count else { return forgetAll() }
        for entry in log[mark...].reversed() { states[entry.citizen] = entry.previous }
        log.removeSubrange(mark...)
    }

    func committed() { log.removeAll(keepingCapacity: true) }

    /// Forgets everything; the next lookup loads from the ledger again.
    func forgetAll() {
        states.removeAll()
        log.removeAll()
        loaded = false
    }

    /// At the start of each write transaction, with its `PRAGMA data_version`: another process's commit
    /// may have changed citizenship.
    func refresh(dataVersion version: Int64?) {
        if version != dataVersion { forgetAll() }
        dataVersion = version
    }

    private func load(_ db: HotConnection) throws {
        states = Dictionary(try OrgStore(db: db).allCitizens().map { ($0.citizen, $0.state) }, uniquingKeysWith: { first, _ in first })
        log.removeAll()
        loaded = true
    }
}
