import Engine
import Foundation
import LocalTelegram
import TestSupport
import Testing

@Suite("The bot survives being killed")
struct CrashTests {
    static let requests = ["/start", "/daily", "/buy sword 1 1", "/buy sword 1 2"]

    /// Telegram offers no idempotent send, so a reply whose sendMessage was in flight when the process
    /// died cannot be known as delivered: it is sent again. The bot clears each reply before sending its
    /// chat's next, so that is at most the last reply of each chat before each kill; everything else
    /// arrives exactly once, in order.
    @Test("tix serve, SIGKILLed at random moments, answers every update exactly once and applies none twice")
    func killAndRestart() async throws {
        var random = SplitMix64(state: testSeed("CrashTests.killAndRestart"))
        try await withLocalTelegram { telegram, url in
            let path = scratchPath()
            let setup = try Engine(path: path, rules: shippedRules)
            _ = try await setup.submit(Submission(
                actor: Submission.admin, key: "sword", command: .defineAsset(Asset(code: "sword", kind: .product, scale: 0))))
            setup.close()

            let users = (1...20).map { LocalUser(id: 700 + Int64($0), username: "k\($0)", firstName: "K") }
            for request in Self.requests { for user in users { telegram.say(request, from: user) } }
            let delivered: @Sendable (LocalUser) -> [BotCall] = { user in
                telegram.calls.filter { $0.method == "sendMessage" && $0.delivered && $0.chat == user.id }
            }
            let answered: @Sendable () -> Bool = {
                users.allSatisfy { Self.distinct(delivered($0)).count >= Self.requests.count }
            }
            // Each run is killed soon after it starts answering: in the middle of the work. Each calls
            // Telegram on its own route, so a call is known by its run however late the server reads it.
            var runs = 0
            var kills = 0
            for _ in 0..<5 where !answered() {
                runs += 1
                let serve = try Self.serve(path, "\(url)/run\(runs)")
                let progress = telegram.sentMessages
                try await telegram.waitUntil { telegram.sentMessages > progress }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...400, using: &random)))
                serve.kill(SIGKILL)
                _ = await serve.status()
                if !answered() { kills += 1 }
            }
            #expect(kills >= 3, "Telegram's one message a second per chat keeps the work going for several runs")
            runs += 1
            let serve = try Self.serve(path, "\(url)/run\(runs)")
            try await telegram.waitUntil(timeout: .seconds(120), answered)
            serve.kill(SIGTERM)
            #expect(try await serve.status(within: .seconds(60)) == .exited(0))

            for user in users {
                let replies = delivered(user)
                #expect(Self.distinct(replies).count == Self.requests.count, "\(replies.map(\.text))")
                // A repeat is the same reply again at once, sent by the next run: the one in flight at a kill.
                let run = { (call: BotCall) in Int(call.route.dropFirst(3)) ?? 0 }
                let repeats = zip(replies, replies.dropFirst()).filter { $0.text == $1.text }
                #expect(repeats.allSatisfy { run($1) > run($0) }, "a reply sent twice by one run: \(replies.map(\.text))")
                #expect(Set(repeats.map { run($0.0) }).count == repeats.count, "more than one repeat after one kill")
            }
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
    }

    /// The replies' texts with each immediate repeat left out.
    private static func distinct(_ calls: [BotCall]) -> [String?] {
        calls.map(\.text).reduce(into: []) { kept, text in if kept.last != text { kept.append(text) } }
    }

    /// `tix serve` on the local Telegram, with Telegram's own rate limits.
    private static func serve(_ path: String, _ url: String) throws -> Child {
        try launchTix(["serve", "--db", path, "--rules", shippedRules.path], telegram: url)
    }
}
