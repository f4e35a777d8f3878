import LuaBridge
import Synchronization

/// Rule changes found by the watcher, waiting for the writer to swap them in between two batches,
/// so no command ever sees half a change.
final class RuleMailbox: Sendable {
    typealias Change = (directory: ScriptDirectory, change: ScriptChange)
    private let pending = Mutex<[Change]>([])

    func put(_ change: ScriptChange, in directory: ScriptDirectory) { pending.withLock { $0.append((directory, change)) } }

    func takeAll() -> [Change] { pending.withLock { changes in defer { changes = [] }; return changes } }
}
