import Foundation
import Glibc
import Synchronization

/// A child process for the tests, started with `posix_spawn` rather than Foundation's `Process`: on Linux,
/// Swift 6.3's `Process.run()` reads past glibc's `readdir` buffer while it lists `/proc/self/fd`, and
/// crashes the test run now and then once the process holds more than about 1,300 descriptors, which the
/// parallel suites do (about 1,600 at their peak). Fixed upstream in swift-corelibs-foundation#5472.
///
/// Its end is awaited without holding a thread of Swift's cooperative pool: that pool has one thread per
/// core (two here), and a test blocked in `waitpid` starves every other test's tasks.
public final class Child: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The test process's own.
        case inherit
        /// `/dev/null`.
        case null
        /// A file: read for stdin; created or truncated for stdout and stderr.
        case file(URL)
        /// A pipe whose other end is the child's ``stdin``, ``stdout`` or ``stderr`` handle.
        case pipe
        /// For stderr: wherever stdout goes, as `2>&1` does.
        case stdout
    }

    /// How the child ended.
    public enum Status: Equatable, Sendable {
        /// It exited with this code.
        case exited(Int32)
        /// This signal ended it.
        case signaled(Int32)

        /// From `waitpid`'s status: the exit code in bits 8-15, or the signal in bits 0-6.
        init(_ status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
        }
    }

    /// The child still ran at the deadline given to ``status(within:)``, and was killed.
    public struct StillRunning: Error {
        public let timeout: Duration
    }

    public let pid: pid_t
    /// The test's ends of the pipes asked for with ``Stream/pipe``, closed when released.
    public let stdin: FileHandle?, stdout: FileHandle?, stderr: FileHandle?
    /// Set once the child is reaped; ``kill(_:)`` checks it under the lock, as its pid may be reused then.
    private let reaped = Mutex(false)
    private let ended: Task<Status, Never>

    /// Starts `executable` with `arguments`, in `folder` if given, with `environment` if given (else this
    /// process's own); throws if it cannot be started.
    public init(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String]? = nil,
        stdin: Stream = .inherit, stdout: Stream = .inherit, stderr: Stream = .inherit
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let folder { _ = addChdir(&actions, folder.path) }
        var handles: [FileHandle?] = [nil, nil, nil]
        var childEnds: [Int32] = []
        defer { for end in childEnds { close(end) } }
        for (fd, stream) in zip(Int32(0)..., [stdin, stdout, stderr]) {
            switch stream {
            case .inherit: break
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let url):
                posix_spawn_file_actions_addopen(
                    &actions, fd, url.path, fd == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .pipe:
                // Close-on-exec from the start: a child spawned meanwhile by another test would otherwise
                // keep a copy of the write end, and a reader waiting for EOF would wait for that child too.
                var ends: [Int32] = [0, 0]
                guard pipe2(&ends, O_CLOEXEC) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                let (child, parent) = fd == 0 ? (ends[0], ends[1]) : (ends[1], ends[0])
                childEnds.append(child)
                handles[Int(fd)] = FileHandle(fileDescriptor: parent, closeOnDealloc: true)
                posix_spawn_file_actions_adddup2(&actions, child, fd)
            case .stdout: posix_spawn_file_actions_adddup2(&actions, 1, fd)
            }
        }
        // A cooperative-pool thread, a Dispatch worker, blocks most signals, and a child inherits the mask:
        // start it with none blocked and every handler at its default, as a fresh process expects.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        sigdelset(&signals, SIGKILL)
        sigdelset(&signals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0)=\($1)") } + [nil]
        defer { for variable in envp { free(variable) } }
        var id: pid_t = 0
        let spawned = posix_spawn(&id, executable.path, &actions, &attributes, &argv, &envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        pid = id
        (self.stdin, self.stdout, self.stderr) = (handles[0], handles[1], handles[2])

        let (exits, exited) = AsyncStream.makeStream(of: Status.self)
        ended = Task { await exits.first { _ in true }! }  // yielded exactly once, below
        Thread.detachNewThread { [self] in
            // Waits without reaping, then reaps under the lock `kill` takes.
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
            exited.yield(reaped.withLock { reaped in
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                reaped = true
                return Status(status)
            })
        }
    }

    /// Sends `signal`; false, sending nothing, once the child has ended and been reaped.
    @discardableResult
    public func kill(_ signal: Int32) -> Bool {
        reaped.withLock { !$0 && Glibc.kill(pid, signal) == 0 }
    }

    /// How the child ended, once it has: the same answer on every call.
    public func status() async -> Status {
        await ended.value
    }

    /// How the child ended; if it still runs after `timeout`, kills it with SIGKILL and throws.
    public func status(within timeout: Duration) async throws -> Status {
        let deadline = Task {
            try? await Task.sleep(for: timeout)
            return !Task.isCancelled && kill(SIGKILL)
        }
        let status = await status()
        deadline.cancel()
        if await deadline.value { throw StillRunning(timeout: timeout) }
        return status
    }
}

/// glibc functions that Swift's Glibc module leaves out, as GNU extensions: found by name instead.
private func glibc<F>(_ name: String, as type: F.Type) -> F {
    unsafeBitCast(dlsym(nil, name)!, to: type)
}

private let pipe2 = glibc("pipe2", as: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
private let addChdir = glibc(
    "posix_spawn_file_actions_addchdir_np",
    as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
