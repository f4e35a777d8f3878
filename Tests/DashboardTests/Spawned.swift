import Foundation

/// A child process whose end is awaited without blocking a thread: the tests share a cooperative pool
/// of one thread per core, and a blocked one would stall every other test on it.
final class Spawned: @unchecked Sendable {
    let process = Process()
    let output: URL
    private let ended: Task<Int32, any Error>

    /// Starts `executable` with `arguments`; stdout and stderr go to a file read by ``log()``.
    init(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws {
        output = FileManager.default.temporaryDirectory.appendingPathComponent("tix-spawned-\(UUID()).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let sink = try FileHandle(forWritingTo: output)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = sink
        process.standardError = sink
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
        ended = Task {
            for await status in stream { return status }
            return -1
        }
    }

    func log() -> String {
        (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// The exit status, once the process has ended.
    func status() async throws -> Int32 {
        try await ended.value
    }

    /// Runs to the end: its status and everything it printed.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let spawned = try Spawned(executable, arguments)
        defer { try? FileManager.default.removeItem(at: spawned.output) }
        let status = try await spawned.status()
        return (status, spawned.log())
    }

    /// The full path of a program on PATH, if installed.
    static func which(_ program: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
