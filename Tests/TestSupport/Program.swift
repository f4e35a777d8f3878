import Foundation

/// Runs a program to its end and answers its exit status and its output (stdout and stderr together),
/// without holding a thread of Swift's cooperative pool while it runs: that pool has one thread per
/// core (two here), and a test blocked in `waitUntilExit` starves every other test's tasks, such as
/// the bots the bot tests wait for.
public func runProgram(
    _ executable: URL, _ arguments: [String], in folder: URL? = nil
) async throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("tix-program-\(UUID()).out")
    guard FileManager.default.createFile(atPath: output.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let sink = try FileHandle(forWritingTo: output)
    process.standardOutput = sink
    process.standardError = sink
    let status = try await withCheckedThrowingContinuation { (done: CheckedContinuation<Int32, any Error>) in
        process.terminationHandler = { done.resume(returning: $0.terminationStatus) }
        do { try process.run() } catch { done.resume(throwing: error) }
    }
    try sink.close()
    return (status, try String(contentsOf: output, encoding: .utf8))
}
