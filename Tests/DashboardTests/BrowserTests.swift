import Engine
import Foundation
import TestSupport
import Testing

/// The real `tix serve` on a seeded ledger, each page loaded in headless Chromium and `/metrics`
/// checked by promtool. CI installs both (tools/install-deps.sh); a machine without them skips.
@Suite("tix serve in a browser and under promtool")
struct BrowserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let tix = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tix")

    /// Ten days of play ending now, under the repository's rules: rewards, fees, transfers.
    static func seededLedger() async throws -> String {
        let path = scratchPath()
        let day: Int64 = 86_400_000
        let clock = ManualClock(Int64(Date().timeIntervalSince1970 * 1000) - 10 * day)
        let engine = try Engine(
            path: path, clock: clock, rules: repository.appendingPathComponent("rules"),
            recipes: repository.appendingPathComponent("recipes"))
        defer { engine.close() }
        let players = ["ada", "ben", "cleo", "dan", "eve", "finn"]
        for (index, name) in players.enumerated() {
            try await admin(engine, .openAccount(name: name, kind: .player))
            try await admin(engine, .mint(to: name, asset: "TIX", amount: Int64(index + 1) * 20_000))
        }
        for round in 0..<10 {
            for (index, name) in players.enumerated() where (index + round) % 3 != 0 {
                _ = try? await engine.submit(Submission(actor: name, key: "daily-\(round)-\(name)", command: .claimReward(account: name, kind: .daily)))
                try await admin(engine, .transfer(
                    from: name, to: players[(index + 1 + round % 5) % players.count], asset: "TIX", amount: Int64(100 * (round + index + 1))))
            }
            clock.advance(by: day)
        }
        // Governance and L2 have something to show: a proposal in review and a company with a treasury.
        let gear = "recipe = { name = \"Gear\", inputs = { ore = 1 }, outputs = { gear = 1 }, duration = 60000 }"
        try await engine.submit(Submission(actor: "ben", key: "propose-gear", command: .propose(
            account: "ben", recipe: "gear", title: "Gears from ore", source: gear)))
        try await engine.submit(Submission(actor: "finn", key: "found-works", command: .org(.create(kind: .company, name: "works", founder: "finn"))))
        try await engine.submit(Submission(actor: "finn", key: "fund-works", command: .transfer(from: "finn", to: "works", asset: "TIX", amount: 5_000)))
        return path
    }

    /// Runs `tix serve` on `database` on a free port for the duration of `body`, then stops it with
    /// SIGTERM and expects a clean exit.
    static func serving(_ database: String, _ body: (String) async throws -> Void) async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tix-serve-\(UUID()).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let server = try Child(tix, [
            "serve", "--db", database, "--rules", repository.appendingPathComponent("rules").path,
            "--recipes", repository.appendingPathComponent("recipes").path, "--http", "127.0.0.1:0",
        ], stdout: .file(output), stderr: .stdout)
        let log = { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        var base: String?
        for _ in 0..<600 where base == nil {
            if let line = log().split(separator: "\n").first(where: { $0.contains("dashboard at http://") }),
                let url = line.split(separator: " ").last {
                base = String(url.dropLast())  // the trailing slash
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let url = try #require(base, "tix serve did not start:\n\(log())")
        do {
            try await body(url)
        } catch {
            server.kill(SIGTERM)
            throw error
        }
        server.kill(SIGTERM)
        #expect(await server.status() == .exited(0), "SIGTERM shuts down cleanly:\n\(log())")
    }

    @Test(
        "each page renders in Chromium with no console error, no failed request and no blank chart",
        .enabled(if: installedProgram("chromium") != nil, "chromium is not installed here (tools/install-deps.sh installs it)"))
    func pagesInChromium() async throws {
        let chromium = try #require(installedProgram("chromium")).path
        let screenshots = Self.repository.appendingPathComponent("docs/screenshots")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        try await Self.serving(try await Self.seededLedger()) { base in
            let pages = [("economy", "/"), ("distribution", "/distribution"), ("prices", "/prices"),
                         ("production", "/production"), ("governance", "/governance"), ("l2", "/l2"),
                         ("accounts", "/accounts?q="), ("account", "/accounts/cleo")]
            for (name, path) in pages {
                let common = ["--headless=new", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000"]
                let shot = try await runProgram(URL(fileURLWithPath: "/usr/bin/timeout"), ["120", chromium] + common + [
                    "--screenshot=\(screenshots.appendingPathComponent("\(name).png").path)", "--window-size=1280,1600",
                    "--enable-logging=stderr", "--v=0", base + path,
                ])
                #expect(shot.status == 0, "\(path): chromium failed:\n\(shot.output)")
                let complaints = shot.output.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("net::ERR") }
                #expect(complaints.isEmpty, "\(path): \(complaints.joined(separator: "\n"))")
                let dom = try await runProgram(URL(fileURLWithPath: "/usr/bin/timeout"), ["120", chromium] + common + ["--dump-dom", base + path])
                #expect(dom.output.contains("</main>"), "\(path) rendered")
                // A chart is blank when one of its lines has fewer than two points.
                for chart in dom.output.components(separatedBy: "<svg class=\"chart\"").dropFirst() {
                    let svg = chart.components(separatedBy: "</svg>")[0]
                    let lines = svg.components(separatedBy: "points=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
                    #expect(!lines.isEmpty, "\(path): a chart without lines")
                    for line in lines { #expect(line.split(separator: " ").count >= 2, "\(path): a blank line in a chart") }
                }
            }
            let (_, home) = try await get(base + "/")
            #expect(home.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4, "the home page's four charts")
        }
    }

    @Test(
        "promtool check metrics passes on /metrics, which shows the engine's commits and the HTTP requests",
        .enabled(if: installedProgram("promtool") != nil, "promtool is not installed here (tools/install-deps.sh installs prometheus)"))
    func promtool() async throws {
        let promtool = try #require(installedProgram("promtool")).path
        try await Self.serving(try await Self.seededLedger()) { base in
            _ = try await get(base + "/")
            _ = try await get(base + "/data/nothing.csv")
            let (status, metrics) = try await get(base + "/metrics")
            #expect(status == 200)
            for expected in ["tix_commit_duration_seconds_count", "tix_commit_batch_size_bucket",
                             "tix_jobs_pending", "http_requests_total{status=\"404\"} 1"] {
                #expect(metrics.contains(expected), "\(expected) in:\n\(metrics)")
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tix-metrics-\(UUID()).txt")
            try metrics.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let check = try await runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" check metrics < \"$1\"", promtool, file.path])
            #expect(check.status == 0, "promtool: \(check.output)")
        }
    }
}
