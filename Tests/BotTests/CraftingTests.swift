import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Factories and crafting through the bot")
struct CraftingTests {
    @Test("build and fit with the price first, craft by buttons and typed, stop a repeating craft, hear each craft ready once")
    func crafting() async throws {
        try await withStage { stage in
            _ = try await stage.engine.seedPools(try PoolSeed.read(directory: shippedRules))
            let alice = Player(stage, id: 701, username: "alice", firstName: "Alice")
            let menu = try await alice.send("/start")
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 20_000))
            try await stage.admin(.mint(to: "alice", asset: "ore", amount: 20))
            try await stage.admin(.mint(to: "alice", asset: "wood", amount: 10))
            let held = { (asset: String) in try stage.engine.reader.balance(of: "alice", asset: asset) }
            let readyNotices = {
                stage.telegram.calls.filter { $0.chat == 701 && $0.delivered && $0.text?.hasPrefix("⚒ Your") == true }.compactMap(\.text)
            }

            // Building: the engine's preview shows the price; nothing changes before Confirm.
            let none = try #require(try await alice.press("🏭 Factories", on: menu).message)
            #expect(none.text == "🏭 You have no factory yet: build one (the price is shown first).")
            let entries = try stage.entries()
            let build = try await alice.send("/build Smithy")
            #expect(build.text == "Build the factory “Smithy” for 50.00 TIX?")
            #expect(try stage.entries() == entries)
            let built = try #require(try await alice.press("✅ Confirm", on: build).message)
            #expect(built.text == "✅ Factory #1 “Smithy” built for 50.00 TIX. Balance: 150.00 TIX.")
            #expect(try stage.engine.reader.factories(of: "alice").map(\.name) == ["Smithy"])

            // The recipes, as the engine reads them.
            let recipes = try await alice.send("/recipes")
            #expect(recipes.text?.contains("\nIron ingot (iron_ingot): 2 ore → 1 iron_ingot, 10 s, needs forge\n") == true)
            #expect(recipes.text?.contains("\nForge (forge): 6 ore + 4 wood → 1 forge, 30 s\n") == true)

            // Crafting by buttons: the factory's workbench offers what its components allow (a forge needs none).
            let factories = try await alice.send("/factories")
            #expect(factories.text == "🏭 Your factories:\n#1 Smithy: nothing fitted")
            let bench = try #require(try await alice.press("🏭 #1 Smithy", on: factories).message)
            #expect(bench.button("⚒ Forge") != nil && bench.button("⚒ Iron ingot") == nil, "iron ingots need a forge fitted")
            let forge = try #require(try await alice.press("⚒ Forge", on: bench).message)
            #expect(forge.text == "⚒ Craft #1 started: 1 forge in factory #1, ready 11-14 22:13 UTC.")
            #expect(try [held("ore"), held("wood")] == [14, 6])
            let jobs = try await alice.send("/jobs")
            #expect(jobs.text == "⏳ Your crafts:\n#1: 1 forge in factory #1, ready 11-14 22:13 UTC")

            // The craft finishes: its crafter hears of it in private.
            var mark = stage.telegram.callCount
            stage.clock.advance(by: 300_000)
            try await stage.admin(.runDueJobs)
            let ready = try await stage.telegram.waitForCall(after: mark) { $0.chat == 701 && $0.method == "sendMessage" && $0.delivered }
            #expect(ready.text == "⚒ Your Forge is ready: +1 forge")
            #expect(try held("forge") == 1)

            // Fitting the component just made: the price first.
            let bench2 = try #require(try await alice.press("🏭 #1 Smithy", on: factories).message)
            let components = try #require(try await alice.press("🔧 Fit a component", on: bench2).message)
            let fit = try #require(try await alice.press("🔧 forge", on: components).message)
            #expect(fit.text == "Fit 1 forge into factory #1 for 10.00 TIX? It stays in the factory.")
            #expect(try await alice.press("✅ Confirm", on: fit).message?.text == "✅ 1 forge fitted into factory #1 for 10.00 TIX.")
            #expect(try stage.engine.reader.factories(of: "alice").first?.components == ["forge": 1])
            #expect(try held("forge") == 0)

            // A repeating craft by the toggle, then stopped: its inputs come back, but for the cancel fee.
            let bench3 = try #require(try await alice.press("🏭 #1 Smithy", on: factories).message)
            #expect(bench3.text?.hasPrefix("#1 Smithy: 1 forge\nIdle.") == true)
            let repeating = try #require(try await alice.press("🔁 Repeat: off", on: bench3).message)
            #expect(repeating.button("🔁 Repeat: on") != nil)
            let line = try #require(try await alice.press("⚒ Iron ingot", on: repeating).message)
            #expect(line.text == "⚒ Craft #2 started: 1 iron_ingot in factory #1, ready 11-14 22:18 UTC. It starts again when done, while the inputs last.")
            #expect(try held("ore") == 12)
            let running = try await alice.send("/jobs")
            #expect(running.text == "⏳ Your crafts:\n#2: 1 iron_ingot in factory #1, ready 11-14 22:18 UTC, repeating")
            let stopped = try #require(try await alice.press("Stop #2", on: running).message)
            #expect(stopped.text == "✖️ Craft #2 cancelled. Back to you: 1 ore. The cancel fee burned 1 ore.")
            #expect(try held("ore") == 13)
            #expect(try await alice.send("/jobs").text == "⏳ Nothing is crafting.")

            // Refusals in the engine's words change nothing.
            let before = try stage.entries()
            for (text, answer) in [
                ("/cancel_craft 2", "There is no pending craft #2."),
                ("/craft 1 tool", "Factory #1 has no assembler fitted; fit one first."),
                ("/craft 9 forge", "There is no factory #9."),
                ("/craft 1 forge twice", "Write it like this: /craft FACTORY RECIPE [repeat]"),
                ("/fit 1 wood", "wood is not a factory component."),
            ] {
                #expect(try await alice.send(text).text == answer)
            }
            #expect(try stage.entries() == before)

            // A craft that finishes while the bot is down is announced once it is back.
            #expect(try await alice.send("/craft 1 iron_ingot").text?.hasPrefix("⚒ Craft #3 started: 1 iron_ingot in factory #1") == true)
            try await stage.whileBotIsDown { engine in
                stage.clock.advance(by: 60_000)
                try await engine.submit(Submission(actor: Submission.admin, key: "jobs-while-down", command: .runDueJobs))
            }
            mark = stage.telegram.callCount
            try stage.startBot()
            let late = try await stage.telegram.waitForCall(after: mark) { $0.chat == 701 && $0.method == "sendMessage" && $0.delivered }
            #expect(late.text == "⚒ Your Iron ingot is ready: +1 iron_ingot")

            // Restarted again, the bot announces the next craft and nothing twice: a repeat of an earlier
            // notice would reach the chat before the later one. Crafters without a chat get nothing.
            await stage.stopBot()
            try stage.startBot()
            try await alice.send("/craft 1 forge")
            _ = try await stage.engine.submit(Submission(actor: Submission.admin, key: "dave", command: .openAccount(name: "dave", kind: .player)))
            try await stage.admin(.mint(to: "dave", asset: "TIX", amount: 10_000))
            try await stage.admin(.mint(to: "dave", asset: "ore", amount: 6))
            try await stage.admin(.mint(to: "dave", asset: "wood", amount: 4))
            let daves = try await stage.engine.submit(Submission(actor: "dave", key: "build", command: .buildFactory(account: "dave", name: "Shed")))
            try await stage.engine.submit(Submission(
                actor: "dave", key: "craft", command: .startCraft(account: "dave", factory: try #require(daves.createdID), recipe: "forge")))
            mark = stage.telegram.callCount
            stage.clock.advance(by: 300_000)
            try await stage.admin(.runDueJobs)
            #expect(try stage.engine.reader.balance(of: "dave", asset: "forge") == 1)
            let last = try await stage.telegram.waitForCall(after: mark) { $0.method == "sendMessage" && $0.text?.hasPrefix("⚒ Your") == true }
            #expect(last.chat == 701 && last.text == "⚒ Your Forge is ready: +1 forge")
            #expect(readyNotices() == ["⚒ Your Forge is ready: +1 forge", "⚒ Your Iron ingot is ready: +1 iron_ingot", "⚒ Your Forge is ready: +1 forge"])
            #expect(!stage.telegram.calls.contains { $0.method == "sendMessage" && $0.chat != 701 })

            let help = try await alice.send("/help")
            for command in ["factories", "build", "fit", "recipes", "craft", "jobs", "cancel_craft"] {
                #expect(help.text?.contains("/\(command)") == true, "/help misses /\(command)")
                #expect(stage.telegram.commands.contains(command))
            }
            #expect(try stage.engine.reader.invariantViolations() == [])
        }
    }
}
