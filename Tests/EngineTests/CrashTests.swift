import Foundation
import TestSupport
import Testing
@testable import Engine

@Suite("Crash safety")
struct CrashTests {
    /// An executable of this package built beside the test bundle (`tix`, `tix-dev`).
    static func built(_ name: String) -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    }

    @Test("SIGKILL at random moments loses no acknowledged command and breaks no invariant")
    func killAndRestart() async throws {
        let binary = Self.built("tix-dev")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build tix-dev first: swift build")
        let path = scratchPath()
        let acks = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("acks.log").path
        // A load killed before it opens the log acknowledged nothing: the log exists, empty, from the start.
        try #require(FileManager.default.createFile(atPath: acks, contents: nil))
        var rng = SplitMix64(state: testSeed())
        let rounds = ProcessInfo.processInfo.environment["CI"] == nil ? 10 : 20
        var acknowledged = Set<String>()

        for round in 0..<rounds {
            let load = try Child(
                binary, ["load", "--db", path, "--ack-log", acks, "--prefix", "r\(round)", "--submitters", "4",
                         "--seed", String(rng.next())],
                stdout: .null)
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...900, using: &rng)))
            load.kill(SIGKILL)
            #expect(await load.status() == .signaled(SIGKILL))

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

@Suite("Crash safety of the job queue")
struct JobCrashTests {
    @Test("tix serve killed with crafts in flight: after restarts every craft completes exactly once")
    func killServeWithJobsInFlight() async throws {
        let binary = CrashTests.built("tix")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build tix first: swift build")
        let path = scratchPath()
        let rules = try rulesDirectory([
            "production.lua": "function modifiers(f) return { slots = 100000, speed_pct = 100 } end",
        ])
        let recipes = try rulesDirectory([
            "widget.lua": "recipe = { name = 'Widget', inputs = { ore = 1 }, outputs = { widget = 1 }, duration = 150 }",
        ])
        let engine = try Engine(path: path, rules: rules, recipes: recipes)
        try await seed(engine, players: ["alice"], tickets: 0)
        try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
        try await admin(engine, .mint(to: "alice", asset: "ore", amount: 100_000))
        try await engine.submit(Submission(actor: "alice", key: "f", command: .buildFactory(account: "alice", name: "Line")))

        var rng = SplitMix64(state: testSeed())
        var started = 0
        for round in 0..<8 {
            // No dashboard: tests run side by side, and only one of them could have port 8080.
            let serve = try Child(
                binary, ["serve", "--db", path, "--rules", rules.path, "--recipes", recipes.path, "--http", "off"],
                stdout: .null, stderr: .null)
            // Crafts keep starting while the worker completes earlier ones in the other process.
            let crafts = (0..<50).map { n in
                Submission(actor: "alice", key: "c\(round)-\(n)", command: .startCraft(account: "alice", factory: 1, recipe: "widget"))
            }
            for result in await engine.submit(crafts) { _ = try result.get() }
            started += crafts.count
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...600, using: &rng)))
            serve.kill(SIGKILL)
            _ = await serve.status()
            #expect(try engine.reader.invariantViolations() == [], "round \(round)")
        }
        let doneByServe = try engine.reader.jobs(of: "alice", all: true).filter { $0.state == .done }.count
        #expect(doneByServe > 0, "the killed servers' workers completed crafts")
        // What is still pending runs here; nothing may run twice.
        try await Task.sleep(for: .milliseconds(200))
        while (try? await admin(engine, .runDueJobs)) != nil {}
        #expect(try engine.reader.jobs(of: "alice").isEmpty)
        let states = try engine.reader.jobs(of: "alice", all: true).map(\.state)
        #expect(states.count == started)
        #expect(states.allSatisfy { $0 == .done })
        #expect(try engine.reader.balance(of: "alice", asset: "widget") == Int64(started))
        #expect(try engine.reader.balance(of: "alice", asset: "ore") == 100_000 - Int64(started))
        engine.close()
        let report = try Verifier().verify(path: path)
        #expect(report.ok, "\(report.problems)")
    }
}
