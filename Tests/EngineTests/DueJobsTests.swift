import Foundation
import Testing
@testable import Engine

@Suite("runDueJobs runs a batch in one savepoint, and job by job once one fails")
struct DueJobsTests {
    /// Alice crafts a widget whose yield is a roll of the dice (due first), then a second craft whose
    /// `yield(c)` answers `second` (due next); one `runDueJobs` runs both.
    private func widgetThen(second: String) async throws -> (widgets: Int64, second: QueuedJob?, path: String) {
        let clock = ManualClock()
        let roll = "\n\nfunction yield(c)\n  return { widget = math.random(1, 1000000) }\nend"
        let fixed = "\n\nfunction yield(c)\n  return { gear = \(second) }\nend"
        let (engine, path) = try await factoryFloor(
            clock: clock, rules: ["production.lua": "function modifiers(f) return { slots = 10, speed_pct = 100 } end"],
            recipes: [
                "widget.lua": recipeSource() + roll,
                "gear.lua": recipeSource(["name": "'Gear'", "outputs": "{ gear = 1 }", "duration": "2000"]) + fixed,
            ])
        defer { engine.close() }
        try await craft(engine, "widget", key: "w")
        let gear = try #require(try await craft(engine, "gear", key: "g").createdID)
        try await runJobs(engine, clock, after: 5000, key: "run")
        let job = try engine.reader.jobs(of: "alice", all: true).first { $0.id == gear }
        return (try items(engine, "alice", "widget"), job, path)
    }

    @Test("a job that fails is retried alone; the others complete once, with the dice they roll when none fails")
    func failingJobAmongOthers() async throws {
        let failing = try await widgetThen(second: "1000001")  // beyond the quantity bound: the job fails
        let fine = try await widgetThen(second: "1")
        #expect(fine.second?.state == .done)
        #expect(failing.second?.state == .pending && failing.second?.attempts == 1)
        #expect(failing.widgets > 0 && failing.widgets == fine.widgets)
        for path in [failing.path, fine.path] {
            let report = try Verifier().verify(path: path)
            #expect(report.ok, "\(report.problems)")
        }
    }
}
