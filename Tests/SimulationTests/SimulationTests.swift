import Dashboard
import Engine
import Foundation
import Simulation
import Testing

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func scratch() -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tix-sim-\(UUID())")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent("ledger.sqlite").path
}

func simulate(seed: UInt64, players: Int = 60, days: Int = 3) async throws -> VariantResult {
    let simulation = Simulation(players: players, days: days, mix: try PlayerMix(parsing: "tappers=50,consumers=30,proactive=20"), seed: seed)
    return try await simulation.run(
        variant: "baseline", rules: repository.appendingPathComponent("rules"), recipes: repository.appendingPathComponent("recipes"),
        path: scratch())
}

@Suite("The designer's simulator")
struct SimulationTests {
    @Test("the same seed and rules give the same journal head hash; another seed another")
    func deterministic() async throws {
        let first = try await simulate(seed: 7)
        let second = try await simulate(seed: 7)
        let other = try await simulate(seed: 8)
        #expect(!first.headHash.isEmpty && first.headHash == second.headHash)
        #expect(first.applied == second.applied && first.refused == second.refused)
        #expect(other.headHash != first.headHash)
    }

    @Test("the synthetic players use the economy: rewards, swaps, crafts and market fills all happen")
    func behaviours() async throws {
        let result = try await simulate(seed: 11, days: 4)
        #expect(result.issued > 0 && result.burned > 0, "faucets and sinks")
        #expect(result.crafts > 0, "consumers craft")
        #expect(result.marketTickets > 0, "ingots change hands on the market")
        #expect(result.finalGini > 0 && result.finalGini < 1)
        let days = result.tables.first { $0.series.name == "supply" }!.table.rows.count
        #expect(days == 4)
        #expect(result.tables.first { $0.series.name == "distribution" }!.table.rows.count == 4)
    }

    @Test("the report draws every series for every variant side by side, self-contained")
    func report() async throws {
        let result = try await simulate(seed: 3, players: 30, days: 2)
        let html = try ComparisonReport(
            title: "Simulation", subtitle: "test", summary: ComparisonSummary.table([result, result]),
            runs: [.init(name: "a", tables: result.tables), .init(name: "b", tables: result.tables)]
        ).html()
        #expect(html.components(separatedBy: "<svg").count - 1 == 2 * result.tables.count)
        #expect(!html.contains("http-equiv=\"refresh\"") && !html.contains("<script") && !html.contains("src=\"http"))
        #expect(ComparisonSummary.text(ComparisonSummary.table([result])).contains(String(result.headHash.prefix(16))))
    }

    @Test("a variant whose rules fail their own examples is refused before it runs, naming the file")
    func brokenVariant() async throws {
        let rules = URL(fileURLWithPath: scratch()).deletingLastPathComponent().appendingPathComponent("rules")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("rules"), to: rules)
        let fees = rules.appendingPathComponent("fees.lua")
        try String(contentsOf: fees, encoding: .utf8).replacingOccurrences(of: "local RATE_BP = 50", with: "local RATE_BP = 100")
            .write(to: fees, atomically: true, encoding: .utf8)
        let simulation = Simulation(players: 10, days: 1, mix: PlayerMix(tappers: 100, consumers: 0, proactive: 0), seed: 1)
        await #expect {
            _ = try await simulation.run(variant: "v", rules: rules, recipes: nil, path: scratch())
        } throws: { error in
            guard case SimulationError.brokenRules(_, let problems) = error else { return false }
            return problems.contains { $0.contains("fees.lua") }
        }
    }

    @Test("a mix that does not add up to 100 is refused in words")
    func mix() {
        #expect(throws: SimulationError.invalidMix("tappers=70,consumers=20")) { try PlayerMix(parsing: "tappers=70,consumers=20") }
        #expect(throws: SimulationError.invalidMix("gamers=100")) { try PlayerMix(parsing: "gamers=100") }
    }
}
