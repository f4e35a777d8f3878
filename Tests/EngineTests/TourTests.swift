import Foundation
import TestSupport
import Testing

/// The README's quick tour, run exactly as printed on a fresh folder, so it can never drift from what
/// `tix` does. Only its first line changes: instead of a release build, `tix` is the binary the tests
/// were built with.
@Suite("The README tour")
struct TourTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The indented block under "## A quick tour": one shell line per entry, comments kept.
    static func tourLines() throws -> [String] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## A quick tour\n").dropFirst().first)
        var lines: [String] = []
        for line in section.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line.isEmpty { continue }
            guard line.hasPrefix("    ") else { break }
            lines.append(String(line.dropFirst(4)))
        }
        return lines
    }

    /// Text a comment promises the output will show: every "quoted" part of it.
    static func promises(_ line: String) -> [String] {
        guard let hash = line.range(of: "# ") else { return [] }
        return line[hash.upperBound...].split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test("every line of the tour works on a fresh folder; refusals and quoted outputs read as printed")
    func tour() async throws {
        let lines = try Self.tourLines()
        let build = try #require(lines.first)
        #expect(build.hasPrefix("swift build -c release --product tix && alias tix="), "the tour starts by building tix")
        let tix = CrashTests.built("tix")
        try #require(FileManager.default.isExecutableFile(atPath: tix.path), "build tix first: swift build")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tix-tour-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for directory in ["rules", "recipes"] {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent(directory), to: folder.appendingPathComponent(directory))
        }

        var ran = 0
        for line in lines.dropFirst() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let (status, output) = try await Self.shell("shopt -s expand_aliases\nalias tix='\(tix.path)'\nset -e\n\(line)\n", in: folder)
            let refused = line.contains("# refused")
            #expect((status != 0) == refused, "`\(line)` exited \(status):\n\(output)")
            for promise in Self.promises(line) {
                #expect(output.contains(promise), "`\(line)` should print \"\(promise)\", printed:\n\(output)")
            }
            ran += 1
        }
        #expect(ran > 25, "the tour has its commands")
    }

    /// Runs `script` with bash in `folder`; returns its exit status and everything it printed. It waits
    /// without blocking a thread: the tests share a cooperative pool of one thread per core, and a
    /// blocked one would stall every other test on it (the bot's among them).
    static func shell(_ script: String, in folder: URL) async throws -> (Int32, String) {
        try await runProgram(URL(fileURLWithPath: "/bin/bash"), ["-c", script], in: folder)
    }
}
