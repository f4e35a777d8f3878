import Foundation

/// Makes group commits durable off the writer's path (issue #16's pipelined commit). The writer commits
/// each batch at `synchronous=NORMAL`, which writes its WAL frames without flushing them, hands its
/// answers here and goes on with the next batch; this thread flushes the WAL once for every commit
/// made so far and only then answers them. A submitter still hears back only once its batch is on disk.
///
/// One flush covers every commit before it: the WAL is appended in commit order, and frames that a
/// checkpoint has already moved into the database file were flushed by that checkpoint (at `NORMAL`,
/// SQLite syncs the WAL before a checkpoint and the database file after it). The WAL file lives as
/// long as a connection to the database is open, and the engine's writer connection is open as long
/// as this thread runs, so the descriptor opened at start keeps naming it.
final class Syncer: @unchecked Sendable {
    /// Answers a batch: with nil once it is durable, or with why it could not be made so.
    typealias Answer = @Sendable ((any Error)?) -> Void

    private let wal: Int32
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [Answer] = []
    private var closed = false
    private var flushed = 0

    /// Opens the WAL of the database at `path`, which must already be in WAL mode.
    init(database path: String) throws {
        wal = open(path + "-wal", O_RDONLY | O_CLOEXEC)
        guard wal >= 0 else { throw EngineError.walUnavailable(path: path + "-wal", errno: errno) }
    }

    deinit { _ = Foundation.close(wal) }

    /// Queues `answer` for the next flush: call it only after the batch's COMMIT returned.
    func answerWhenDurable(_ answer: @escaping Answer) {
        condition.lock()
        waiting.append(answer)
        condition.signal()
        condition.unlock()
    }

    /// The thread's life: flush and answer whatever waits, until closed and drained.
    func run() {
        while let answers = take() {
            let failure = fdatasync(wal) == 0 ? nil : EngineError.notDurable(errno: errno)
            condition.withLock { flushed += 1 }
            for answer in answers { answer(failure) }
        }
    }

    /// Flushes so far: every answer given went out after one.
    var flushes: Int { condition.withLock { flushed } }

    /// No more answers will come; ``run()`` returns once those queued are answered.
    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    private func take() -> [Answer]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !closed { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        defer { waiting.removeAll(keepingCapacity: true) }
        return waiting
    }
}
