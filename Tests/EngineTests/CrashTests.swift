import Foundation
import Testing
@testable import Engine

@Suite("Crash safety")
struct CrashTests {
    /// The `tix` executable built beside the test bundle.
    static var tixBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tix")
    }

    @Test("SIGKILL at random moments loses no acknowledged command and breaks no invariant")
    func killAndRestart() async throws {
        let binary = Self.tixBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build tix first: swift build")
        let path = scratchPath()
        let acks = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("acks.log").path
        var rng = SplitMix64(state: UInt64(Date().timeIntervalSince1970))
        let rounds = ProcessInfo.processInfo.environment["CI"] == nil ? 10 : 20
        var acknowledged = Set<String>()

        for round in 0..<rounds {
            let load = Process()
            load.executableURL = binary
            load.arguments = ["load", "--db", path, "--ack-log", acks, "--prefix", "r\(round)", "--submitters", "4"]
            load.standardOutput = FileHandle.nullDevice
            try load.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...900, using: &rng)))
            kill(load.processIdentifier, SIGKILL)
            load.waitUntilExit()
            #expect(load.terminationReason == .uncaughtSignal)

            acknowledged.formUnion(try String(contentsOfFile: acks, encoding: .utf8).split(separator: "\n").map(String.init))
            let engine = try Engine(path: path)
            let journaled = Set(try engine.reader.journal(from: 1, limit: 10_000_000).map(\.key))
            let lost = acknowledged.subtracting(journaled)
            #expect(lost.isEmpty, "round \(round): acknowledged but lost: \(lost.prefix(5))")
            #expect(try engine.reader.invariantViolations() == [])
            engine.close()
            let report = try Verifier().verify(path: path)
            #expect(report.ok, "round \(round): \(report.problems)")
        }
        #expect(acknowledged.count > rounds * 10, "the load should have been acknowledged many times")
    }
}
