import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("The bot survives being killed")
struct CrashTests {
    /// The `tix` executable built beside the test bundle.
    static var tixBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tix")
    }

    static let requests = ["/start", "/daily", "/buy sword 1 1", "/buy sword 1 2"]

    @Test("tix serve, SIGKILLed at random moments, answers every update and applies none twice")
    func killAndRestart() async throws {
        let binary = Self.tixBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build tix first: swift build")
        let telegram = LocalTelegram()
        let url = try await telegram.start()
        defer { Task { await telegram.stop() } }
        let path = scratchPath()
        let setup = try Engine(path: path, rules: shippedRules)
        _ = try await setup.submit(Submission(
            actor: Submission.admin, key: "sword", command: .defineAsset(Asset(code: "sword", kind: .product, scale: 0))))
        setup.close()

        let users = (1...20).map { LocalUser(id: 700 + Int64($0), username: "k\($0)", firstName: "K") }
        for request in Self.requests { for user in users { telegram.say(request, from: user) } }
        let answered: @Sendable () -> Bool = {
            let delivered = telegram.calls.filter { $0.method == "sendMessage" && $0.delivered }
            return users.allSatisfy { user in delivered.filter { $0.chat == user.id }.count >= Self.requests.count }
        }
        // Each run is killed soon after it starts answering: in the middle of the work.
        var kills = 0
        for _ in 0..<5 where !answered() {
            let serve = try Self.serve(binary, path, url)
            let progress = telegram.sentMessages
            try await telegram.waitUntil { telegram.sentMessages > progress }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...400)))
            kill(serve.processIdentifier, SIGKILL)
            serve.waitUntilExit()
            if !answered() { kills += 1 }
        }
        #expect(kills >= 3, "Telegram's one message a second per chat keeps the work going for several runs")
        let serve = try Self.serve(binary, path, url)
        try await telegram.waitUntil(timeout: .seconds(120), answered)
        kill(serve.processIdentifier, SIGTERM)
        serve.waitUntilExit()

        let engine = try Engine(path: path, rules: shippedRules)
        defer { engine.close() }
        let journal = try engine.reader.journal(from: 1, limit: 100_000)
        for user in users {
            let account = user.username!
            let commands = journal.filter { $0.actor == account }.map(\.command)
            #expect(commands.filter { $0.contains("\"openAccount\"") }.count == 1, "\(account)")
            #expect(commands.filter { $0.contains("\"claimReward\"") }.count == 1, "\(account)")
            #expect(commands.filter { $0.contains("\"placeOrder\"") }.count == 2, "\(account)")
            #expect(try engine.reader.balance(of: account, asset: "TIX") == 1000 - 300, "the gift, less 1 + 2 in escrow")
        }
        #expect(!telegram.calls.contains { $0.text?.contains("not ready") == true }, "no request handled twice")
        #expect(try engine.reader.invariantViolations() == [])
        #expect(try Verifier().verify(path: path).ok)
    }

    /// `tix serve` on the local Telegram, with Telegram's own rate limits.
    private static func serve(_ binary: URL, _ path: String, _ url: String) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--db", path, "--rules", shippedRules.path]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "TELEGRAM_BOT_TOKEN": LocalTelegram().token, "TELEGRAM_API_URL": url,
        ]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
