import Foundation
import GRDB
import Logging
import LuaBridge
import Synchronization

/// The L1 engine: one writer thread that owns every change of state, over a SQLite database in WAL mode.
///
/// Submitters on any task call `submit`; their commands gather in an ``Inbox`` and the writer applies
/// them as group commits (see ``Committer``). A submitter hears back only after its batch is durable.
/// Reads go through ``reader`` on WAL reader connections and never wait for the writer.
public final class Engine: Sendable {
    /// Upper bound of submissions in one transaction, so one commit holds the lock for about 0.2 s at
    /// most (some 45 µs of writer time a transfer). Larger batches cost fewer page writes per command:
    /// the history indexes take inserts all over, and a page is written once per commit however many it
    /// took (measured: 4,000 instead of 1,000 writes 1.9 KB per transfer instead of 2.6 KB, and runs
    /// 25–35 % faster).
    static let batchLimit = 4000

    /// The writer thread's name, as tools see it (`top -H`, `/proc/PID/task/*/comm`).
    public static let writerThreadName = "tix.writer"

    public let path: String
    public let reader: LedgerReader
    /// The directory of recipes it crafts from, if any: front ends list them from the same files
    /// (``RecipeBook/read(_:)``), so what they offer is what the engine crafts.
    public let recipes: URL?
    let pool: DatabasePool
    private let inbox = Inbox()
    private let ruleChanges = RuleMailbox()
    private let watcher: Task<Void, Never>?
    private let writerDone = DispatchSemaphore(value: 0)
    /// Flushes each commit before its submitters hear back; nil with ``Durability/normal``.
    let syncer: Syncer?
    /// Signalled when the syncer's thread ends.
    private let syncerDone = DispatchSemaphore(value: 0)

    /// Opens (or creates) the database at `path`, migrates it, loads the Lua rules in `rules` (none:
    /// every rule's default applies) and the recipes in `recipes`, and starts the writer. With
    /// `watchRules`, changed rule and recipe files are swapped in while the engine runs, and `onRuleReload`
    /// hears each one once commands see it (on the writer thread: keep it short).
    public init(
        path: String, clock: any EngineClock = SystemClock(), durability: Durability = .full,
        rules: URL? = nil, recipes: URL? = nil, watchRules: Bool = false, logger: Logger = Logger(label: "tix.engine"),
        ruleLimits: SandboxLimits = SandboxLimits(), onRuleReload: (@Sendable (RuleReload) -> Void)? = nil
    ) throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        self.path = path
        self.recipes = recipes
        _ = SQLiteTuning.processSettings
        pool = try SQLiteTuning.openPool(path: path)
        try Schema.migrator.migrate(pool)
        reader = LedgerReader(pool: pool)
        let syncer = durability == .full ? try Syncer(database: path) : nil
        self.syncer = syncer
        if let syncer {
            let done = syncerDone
            Self.startThread(named: "tix.syncer") {
                syncer.run()
                done.signal()
            }
        }

        let scripts = [rules.map(ScriptDirectory.rules), recipes.map(ScriptDirectory.recipes)].compactMap { $0 }
        let writer = Writer(
            pool: pool, inbox: inbox, ruleChanges: ruleChanges, clock: clock, scripts: scripts,
            ruleLimits: ruleLimits, loader: RuleLoader(logger: logger), syncer: syncer, onRuleReload: onRuleReload)
        let (done, started) = (writerDone, DispatchSemaphore(value: 0))
        let startFailure = Mutex<(any Error)?>(nil)
        Self.startThread(named: Self.writerThreadName) {
            writer.run { failure in
                startFailure.withLock { $0 = failure }
                started.signal()
            }
            done.signal()
        }
        started.wait()
        if let failure = startFailure.withLock({ $0 }) { throw failure }
        let (ruleChanges, inbox) = (ruleChanges, inbox)
        watcher = watchRules ? Task.detached {
            await withTaskGroup(of: Void.self) { group in
                for directory in scripts {
                    group.addTask {
                        for await change in ScriptDirectoryWatcher(directory: directory.url, limits: ruleLimits).changes() {
                            ruleChanges.put(change, in: directory)
                            inbox.wake()
                        }
                    }
                }
            }
        } : nil
        logger.debug("engine open", metadata: ["path": "\(path)", "durability": "\(durability)"])
    }

    /// Applies one command; returns its receipt once durable, or throws a ``Rejection`` that changed nothing.
    @discardableResult
    public func submit(_ submission: Submission) async throws -> Receipt {
        try await submit([submission])[0].get()
    }

    /// What `submission` would do now, without doing it: the writer applies it against the live state and
    /// rules, answers, and rolls it back. For quotes and for showing a fee before a player confirms.
    public func preview(_ submission: Submission) async throws -> Receipt {
        try await enqueue([submission], preview: true)[0].get()
    }

    /// Applies several commands, each on its own: one refusal does not touch the others. Batching is the
    /// fast path for front ends that gather many commands (a game server's payouts, a bot's updates).
    public func submit(_ submissions: [Submission]) async -> [Result<Receipt, any Error>] {
        await enqueue(submissions, preview: false)
    }

    private func enqueue(_ submissions: [Submission], preview: Bool) async -> [Result<Receipt, any Error>] {
        guard !submissions.isEmpty else { return [] }
        var prepared: [Inbox.Prepared] = []
        prepared.reserveCapacity(submissions.count)
        for submission in submissions {
            do {
                prepared.append(.init(submission: submission, command: try Canonical.encode(submission.command), preview: preview))
            } catch {
                return submissions.map { _ in .failure(error) }
            }
        }
        return await withCheckedContinuation { reply in
            if !inbox.put(.init(submissions: prepared, reply: reply)) {
                reply.resume(returning: submissions.map { _ in .failure(EngineError.closed) })
            }
        }
    }

    /// Stops taking commands, finishes those already submitted, waits for the writer, and closes the
    /// database so another process may open it at once.
    public func close() {
        watcher?.cancel()
        inbox.close()
        writerDone.wait()
        if syncer != nil { syncerDone.wait() }
        try? pool.close()
    }

    deinit {
        watcher?.cancel()
        inbox.close()
    }

    private static func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            // Named from inside: Foundation passes the name to the kernel only for the current thread.
            Thread.current.name = name
            body()
        }
        thread.start()
    }
}

/// Failures that are not a command's fault.
public enum EngineError: Error, CustomStringConvertible {
    case closed
    /// The disk did not confirm a flush: the batch is committed but perhaps not durable.
    case notDurable(errno: Int32)
    /// The engine cannot start: it could not open the write-ahead log it flushes before each answer.
    case walUnavailable(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .closed: "The engine is shutting down; try again in a moment."
        case .notDurable(let code):
            "The disk did not confirm the write (\(String(cString: strerror(code)))); send the command again"
                + " with the same key to learn whether it was recorded."
        case .walUnavailable(let path, let code):
            "Cannot open the write-ahead log \(path) (\(String(cString: strerror(code)))), so commits could not be"
                + " flushed before answering: the engine does not start."
        }
    }
}
