import Foundation

/// A change in a watched rules directory.
public enum ScriptChange: Sendable, Hashable {
    /// A new or changed script that compiles and passes its examples.
    case updated(ScriptFile)
    /// A new or changed script that fails to compile or fails an example; keep the old version.
    case rejected(ScriptFile, [RuleProblem])
    case removed(name: String)
}

/// Polls a directory for `*.lua` changes (no inotify: simple and portable). Each changed file
/// is validated in a scratch sandbox before it is reported, so the engine only swaps in
/// scripts that compile and pass their examples. The first poll reports every existing file.
public struct ScriptDirectoryWatcher: Sendable {
    public let directory: URL
    public let interval: Duration
    public let limits: SandboxLimits

    public init(directory: URL, interval: Duration = .milliseconds(200), limits: SandboxLimits = SandboxLimits()) {
        self.directory = directory
        self.interval = interval
        self.limits = limits
    }

    /// Changes as they are found. Polling stops when the consumer stops iterating.
    public func changes() -> AsyncStream<ScriptChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: ScriptChange.self)
        let task = Task.detached { [self] in
            var poller = DirectoryPoller(directory: directory, limits: limits)
            while !Task.isCancelled {
                for change in poller.poll() { continuation.yield(change) }
                try? await Task.sleep(for: interval)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

/// The watcher's state machine, one `poll()` per tick; usable synchronously.
public struct DirectoryPoller: Sendable {
    public let directory: URL
    public let limits: SandboxLimits
    private var known: [String: Entry] = [:]

    private struct Entry: Sendable {
        var modified: Date
        var size: Int
        let sha256: String
    }

    /// Files modified this recently are re-hashed even when date and size look unchanged,
    /// because coarse file-system timestamps can hide a quick same-size rewrite.
    private static let settleTime: TimeInterval = 2

    public init(directory: URL, limits: SandboxLimits = SandboxLimits()) {
        self.directory = directory
        self.limits = limits
    }

    public mutating func poll() -> [ScriptChange] {
        guard let urls = try? ScriptFile.scriptURLs(in: directory) else { return [] }  // retry next tick
        let now = Date()
        var changes: [ScriptChange] = []
        var present: Set<String> = []
        for url in urls {
            let name = url.lastPathComponent
            present.insert(name)
            guard let values = try? url.resourceValues(forKeys: Set(ScriptFile.listedKeys)),
                  let modified = values.contentModificationDate, let size = values.fileSize
            else { continue }
            if let entry = known[name], entry.modified == modified, entry.size == size,
               now.timeIntervalSince(modified) > Self.settleTime {
                continue
            }
            guard let file = try? ScriptFile.read(url, name: name) else { continue }  // e.g. mid-write
            if known[name]?.sha256 == file.sha256 {
                known[name]?.modified = modified
                known[name]?.size = size
                continue
            }
            known[name] = Entry(modified: modified, size: size, sha256: file.sha256)
            let problems = RuleCheck.check(file, limits: limits)
            changes.append(problems.isEmpty ? .updated(file) : .rejected(file, problems))
        }
        for name in known.keys.sorted() where !present.contains(name) {
            known[name] = nil
            changes.append(.removed(name: name))
        }
        return changes
    }
}
