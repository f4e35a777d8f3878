import ArgumentParser
import Engine
import Foundation
import LuaBridge

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Check and try the economy's Lua rules.", subcommands: [Check.self, Eval.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile every rule or recipe file in DIR, run its examples, check pools.lua's pools; exit 1 on any failure.")
        @Argument(help: "The directory to check.") var directory = "rules"
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            let url = URL(fileURLWithPath: directory, isDirectory: true)
            let recipes = try RecipeBook.read(url)
            let recipeProblems = recipes.compactMap { entry -> String? in
                guard case .failure(let error) = entry.recipe else { return nil }
                return error.description
            }
            // Faucets are allowed, by the designer's explicit `faucet = true`, but never unnoticed.
            let faucets = recipes.compactMap { entry in
                (try? entry.recipe.get())?.faucet == true ? "\(entry.file): faucet: issues items from nothing" : nil
            }
            var problems = RuleCheck.check(directory: url).map(\.description) + recipeProblems
            // pools.lua is data too: once every file runs, its pools must be ones `tix amm seed` can open.
            if problems.isEmpty, FileManager.default.fileExists(atPath: url.appendingPathComponent(PoolSeed.file).path) {
                do { _ = try PoolSeed.read(directory: url) } catch { problems.append(error.description) }
            }
            if json {
                print(Output.encode([
                    "ok": problems.isEmpty ? "true" : "false", "problems": problems.joined(separator: "\n"),
                    "faucets": faucets.joined(separator: "\n"),
                ]))
            } else {
                (faucets + problems).forEach { print($0) }
                print(problems.isEmpty ? "\(directory): every file compiles and passes its examples" : "\(problems.count) problem(s)")
            }
            if !problems.isEmpty { throw ExitCode.failure }
        }
    }

    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Call one rule function with a context and print its result as JSON.",
            discussion: #"Example: tix rules eval rules/fees.lua fee --ctx '{"amount": 10000, "asset": "TIX", "to_kind": "player"}'"#)
        @Argument(help: "The rule file.") var file: String
        @Argument(help: "The function to call.") var function: String
        @Option(help: "The context, as JSON.") var ctx = "{}"
        @Option(help: "Seed of math.random for this call.") var seed: UInt64 = 0

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            let script = try ScriptFile.read(url, name: url.lastPathComponent)
            let sandbox = try LuaSandbox()
            try sandbox.load(script)
            let context = try LuaValue(json: Data(ctx.utf8))
            let result = try sandbox.call(script.name, function, [context], seed: seed)
            print(String(decoding: try result.value.jsonData(), as: UTF8.self))
        }
    }
}
