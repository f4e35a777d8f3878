import Foundation

/// Runs a program to its end, as a ``Child``, and answers its exit status (the signal's number if a
/// signal ended it, as `Process` does) and its output (stdout and stderr together).
public func runProgram(
    _ executable: URL, _ arguments: [String], in folder: URL? = nil
) async throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("tix-program-\(UUID()).out")
    defer { try? FileManager.default.removeItem(at: output) }
    let child = try Child(executable, arguments, in: folder, stdout: .file(output), stderr: .stdout)
    let status = switch await child.status() {
    case .exited(let code): code
    case .signaled(let signal): signal
    }
    return (status, try String(contentsOf: output, encoding: .utf8))
}

/// An installed program: the first executable `name` on PATH, else in one of `folders` (tools that live
/// outside PATH, such as a JDK's). Tests that need a checker are enabled on it.
public func installedProgram(_ name: String, orIn folders: [String] = []) -> URL? {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    return (path + folders).map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}
