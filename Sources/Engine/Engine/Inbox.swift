import Foundation

/// Submissions waiting for the writer. Callers put; the writer thread takes everything waiting, up to a
/// limit, as one group commit. While one batch is being made durable the next one gathers here.
final class Inbox: @unchecked Sendable {
    typealias Reply = CheckedContinuation<[Result<Receipt, any Error>], Never>

    struct Pending {
        var submissions: [Prepared]
        var reply: Reply
    }

    /// A submission with its command already in canonical JSON: the submitter's task encodes it, on
    /// another core, so the single writer does not have to.
    struct Prepared: Sendable {
        var submission: Submission
        var command: String
        /// Apply, answer, and roll back: nothing is journaled or kept.
        var preview = false
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [Pending] = []
    /// Submissions in `pending`.
    private var waiting = 0
    private var closed = false
    private var woken = false

    /// Queues submissions; false once the inbox is closed.
    func put(_ item: Pending) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        pending.append(item)
        waiting += item.submissions.count
        condition.signal()
        return true
    }

    /// Blocks until something waits (or ``wake()`` is called: then the batch may be empty), and takes
    /// whole items until about `limit` submissions. Returns nil once closed and drained. `depth` hears
    /// how many submissions waited, the batch included.
    func take(limit: Int, depth: (Int) -> Void = { _ in }) -> [Pending]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !closed && !woken { condition.wait() }
        woken = false
        guard !pending.isEmpty else { return closed ? nil : [] }
        var count = 0
        var end = 0
        while end < pending.count && (end == 0 || count + pending[end].submissions.count <= limit) {
            count += pending[end].submissions.count
            end += 1
        }
        let batch = Array(pending[..<end])
        pending.removeFirst(end)
        depth(waiting)
        waiting -= count
        return batch
    }

    /// Wakes the writer with nothing to apply, so it sees other news (a changed rule) at once.
    func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }

    /// Refuses new work; the writer drains what is queued and stops.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
