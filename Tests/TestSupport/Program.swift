import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end and answers its exit status (the signal's number if a signal ended it, as
/// `Process` does) and its output (stdout and stderr together), without holding a thread of Swift's
/// cooperative pool while it runs: that pool has one thread per core (two here), and a test blocked in
/// `waitpid` starves every other test's tasks, such as the bots the bot tests wait for.
///
/// Spawned with `posix_spawn`, not Foundation's `Process`: on Linux, Swift 6.3's `Process.run()` reads
/// past glibc's `readdir` buffer while it lists `/proc/self/fd`, and crashes the test run now and then
/// once the process holds more than about 1,300 descriptors, which the parallel suites do (about 1,600
/// at their peak). Fixed upstream in swift-corelibs-foundation#5472.
public func runProgram(
    _ executable: URL, _ arguments: [String], in folder: URL? = nil
) async throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("tix-program-\(UUID()).out")
    defer { try? FileManager.default.removeItem(at: output) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // coreutils' `env --chdir` starts the program in `folder`.
    let argv = (folder.map { ["/usr/bin/env", "--chdir=\($0.path)"] } ?? []) + [executable.path] + arguments
    let path = folder == nil ? executable.path : "/usr/bin/env"
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, &cArguments, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
    let child = pid
    let status = await withCheckedContinuation { (done: CheckedContinuation<Int32, Never>) in
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            done.resume(returning: status)
        }
    }
    // Exited: the code in bits 8-15; killed: the signal in bits 0-6.
    let signal = status & 0x7f
    return (signal == 0 ? (status >> 8) & 0xff : signal, try String(contentsOf: output, encoding: .utf8))
}
