import ArgumentParser
import Dashboard
import Engine
import Foundation
import Simulation

/// `tix simulate`: the economy under rule variants before adopting them (docs/designing.md).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run synthetic players against the real engine under rule variants; write CSV series and an HTML report.")

    @Option(help: "Synthetic players.") var players = 2000
    @Option(help: "Days to simulate.") var days = 30
    @Option(help: "The audiences' shares in percent.") var mix = "tappers=70,consumers=25,proactive=5"
    @Option(help: "Seed of every random choice: the same seed and rules give the same journal.") var seed: UInt64 = 7
    @Option(help: "The rules directory of the baseline.") var rules = "rules"
    @Option(help: "The recipes directory.") var recipes = "recipes"
    @Option(name: .customLong("variant"), help: "Another rules directory to compare, as NAME=DIR (repeatable).")
    var variants: [String] = []
    @Option(help: "Where the CSV files, the scratch databases and report.html go.") var out = "sim"
    @Option(help: "Commands per group commit.") var batch = 1000
    @Option(help: "Taps a tapper makes a day, at most.") var tapsPerDay = 6
    @Option(help: "Chance in percent that a tapper sends a friend tickets on a day.") var tapperSpend = 5
    @Option(help: "Iron ingots a consumer crafts a day, at most.") var craftsPerDay = 3
    @Option(help: "A consumer's ask over the AMM cost of an ingot, at most, in percent.") var markup = 50
    @Option(help: "Chance in percent that a proactive player proposes a recipe on a day.") var propose = 5
    @Option(help: "Chance in percent that a proactive player founds its company on a day.") var found = 10

    func validate() throws {
        guard players > 0, days > 0, batch > 0 else { throw ValidationError("--players, --days and --batch must be at least 1.") }
    }

    func run() async throws {
        var runs = [(name: "baseline", rules: rules)]
        for variant in variants {
            let parts = variant.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                runs.allSatisfy({ $0.name != parts[0] })
            else { throw SimulationError.invalidVariant(variant) }
            runs.append((parts[0], parts[1]))
        }
        for run in runs where !FileManager.default.isDirectory(run.rules) { throw SimulationError.missingRules(run.rules) }
        var tuning = Tuning()
        (tuning.tapsPerDay, tuning.tapperSpendPercent, tuning.craftsPerDay) = (tapsPerDay, tapperSpend, craftsPerDay)
        (tuning.markupPercent, tuning.proposePercent, tuning.foundPercent) = (markup, propose, found)
        let simulation = Simulation(players: players, days: days, mix: try PlayerMix(parsing: mix), seed: seed, tuning: tuning)
        let output = URL(fileURLWithPath: out, isDirectory: true)
        let recipesURL = FileManager.default.isDirectory(recipes) ? URL(fileURLWithPath: recipes, isDirectory: true) : nil
        var results: [VariantResult] = []
        for run in runs {
            let directory = output.appendingPathComponent(run.name, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let bar = ProgressBar(label: run.name, total: days)
            let result = try await simulation.run(
                variant: run.name, rules: URL(fileURLWithPath: run.rules, isDirectory: true), recipes: recipesURL,
                path: directory.appendingPathComponent("ledger.sqlite").path, progress: bar.show)
            bar.finish()
            try result.writeCSV(to: directory)
            results.append(result)
        }
        let summary = ComparisonSummary.table(results)
        let report = ComparisonReport(
            title: "Simulation: " + runs.map(\.name).joined(separator: " vs "),
            subtitle: "\(players) players (\(mix)) over \(days) days, seed \(seed)",
            summary: summary, runs: results.map { ComparisonReport.Run(name: $0.name, tables: $0.tables) })
        try report.html().write(to: output.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        try summary.csv.write(to: output.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
        print(ComparisonSummary.text(summary))
        print("Report: \(output.appendingPathComponent("report.html").path)  ·  series: \(out)/<variant>/<series>.csv")
    }
}

/// A one-line progress bar on standard error, redrawn as days finish.
struct ProgressBar: Sendable {
    let label: String
    let total: Int

    @Sendable func show(_ done: Int) {
        let width = 30
        let filled = width * done / max(total, 1)
        let line = "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] day \(done)/\(total)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
