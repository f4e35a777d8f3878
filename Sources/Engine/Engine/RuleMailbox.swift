import LuaBridge
import Synchronization

/// Rule changes found by the watcher, waiting for the writer to swap them in between two batches,
/// so no command ever sees half a change.
final class RuleMailbox: Sendable {
    private let pending = Mutex<[ScriptChange]>([])

    func put(_ change: ScriptChange) { pending.withLock { $0.append(change) } }

    func takeAll() -> [ScriptChange] { pending.withLock { changes in defer { changes = [] }; return changes } }
}
