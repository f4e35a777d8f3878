import ArgumentParser
import Foundation

/// The rules an engine benchmark runs with.
struct BenchRules: ParsableArguments {
    @Option(help: "Rules directory; 'none' for no rules.") var rules = "rules"

    var directory: URL? { rules == "none" ? nil : URL(fileURLWithPath: rules, isDirectory: true) }

    /// An engine given a folder that is not there runs without fees, so a benchmark started from the
    /// wrong folder would print a figure for "rules on" that ran none.
    func validate() throws {
        var isDirectory: ObjCBool = false
        guard rules == "none" || FileManager.default.fileExists(atPath: rules, isDirectory: &isDirectory) && isDirectory.boolValue else {
            throw ValidationError("There is no rules folder at \(rules): run from the repository, or pass --rules PATH or --rules none.")
        }
    }
}

/// Where an engine benchmark's scratch databases go.
struct ScratchOptions: ParsableArguments {
    @Option(help: "Where the scratch databases go.") var dir = NSTemporaryDirectory()

    /// Runs `body` with a fresh folder, removed afterwards.
    func withScratch<T>(_ body: (URL) async throws -> T) async throws -> T {
        let scratch = URL(fileURLWithPath: dir).appendingPathComponent("tix-bench-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try await body(scratch)
    }
}

/// A rate as printed: whole units per second.
func rate(_ value: Double) -> String { String(format: "%.0f", value) }

/// A same-run ratio as printed.
func ratio(_ value: Double, _ baseline: Double) -> String { String(format: "%.2f", value / baseline) }
