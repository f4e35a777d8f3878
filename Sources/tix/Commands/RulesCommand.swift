import ArgumentParser
import Engine
import Foundation
import LuaBridge

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Check and try the economy's Lua rules.", subcommands: [Check.self, Eval.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile every rule or recipe file in DIR (or one FILE), run its examples, check pools.lua's pools; exit 1 on any failure.")
        @Argument(help: "The directory, or one file, to check.") var path = "rules"
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() async throws {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("There is no file or directory at '\(path)'.")
            }
            let isDirectory = FileManager.default.isDirectory(path)
            let url = URL(fileURLWithPath: path, isDirectory: isDirectory)
            let files = isDirectory ? try ScriptFile.all(in: url) : [try ScriptFile.read(url, name: url.lastPathComponent)]
            // Faucets are allowed, by the designer's explicit `faucet = true`, but never unnoticed.
            let faucets = isDirectory ? try RecipeBook.read(url).compactMap { entry in
                (try? entry.recipe.get())?.faucet == true ? "\(located(entry.file)): faucet: issues items from nothing" : nil
            } : []
            // The ledger's own typical calls, once the files compile: what would fail the first transfer.
            var problems = ScriptCheck.problems(
                with: files, compiled: isDirectory ? RuleCheck.check(directory: url) : RuleCheck.check(files[0]))
            // pools.lua is data too: once every file runs, its pools must be ones `tix amm seed` can open.
            if problems.isEmpty, files.contains(where: { $0.name == PoolSeed.file }) {
                let directory = isDirectory ? url : url.deletingLastPathComponent()
                do { _ = try PoolSeed.read(directory: directory) } catch { problems.append(error.description) }
            }
            problems = located(problems, in: files)
            if json {
                print(Output.encode([
                    "ok": problems.isEmpty ? "true" : "false", "problems": problems.joined(separator: "\n"),
                    "faucets": faucets.joined(separator: "\n"),
                ]))
            } else {
                (faucets + problems).forEach { print($0) }
                print(problems.isEmpty
                    ? "\(path): " + (isDirectory ? "every file compiles" : "compiles") + " and passes its examples"
                    : "\(problems.count) problem(s)")
            }
            if !problems.isEmpty { throw ExitCode.failure }
        }

        /// Problems named under the path they were checked at (`rules/fees.lua:3: ...`), each once: the
        /// sandbox names a file as loaded (`fees.lua`, `recipes/jewel.lua`), and a broken recipe is
        /// reported both as a script and as a recipe.
        private func located(_ problems: [String], in files: [ScriptFile]) -> [String] {
            var seen = Set<String>()
            return problems.map { problem in
                files.lazy.compactMap { file in
                    [Recipe.script(String(file.name.dropLast(4))), file.name].lazy
                        .first { problem.hasPrefix($0 + ":") }
                        .map { located(file.name) + problem.dropFirst($0.count) }
                }.first ?? problem
            }.filter { seen.insert($0).inserted }
        }

        /// Where the file `name` lives as the user named it: the file checked, or one inside the directory.
        private func located(_ name: String) -> String {
            FileManager.default.isDirectory(path)
                ? (path.hasSuffix("/") ? path : path + "/") + name : path
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
