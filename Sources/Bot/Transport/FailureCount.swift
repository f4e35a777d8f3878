import Synchronization

/// How often each update's handling has failed, while it is not confirmed; shared by the tasks that
/// handle a batch. Kept in memory: a restart gives every update a fresh count.
final class FailureCount: Sendable {
    private let counts = Mutex<[Int64: Int]>([:])

    /// Counts one more failure of `update`; returns its failures so far.
    func add(_ update: Int64) -> Int {
        counts.withLock { counts in
            counts[update, default: 0] += 1
            return counts[update]!
        }
    }

    func forget(_ updates: [Int64]) {
        counts.withLock { counts in updates.forEach { counts[$0] = nil } }
    }
}
