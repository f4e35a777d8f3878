import ArgumentParser
import Engine
import Foundation

struct FactoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factory", abstract: "Build factories and fit them with components.",
        subcommands: [Build.self, Fit.self, Show.self])

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build a factory: tix factory build alice \"Smithy\"")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The account that will own it.") var account: String
        @Argument(help: "Its name, e.g. Smithy.") var name: String

        func run() async throws {
            try await global.withEngine { try await global.submit(.buildFactory(account: account, name: name), submit, to: $0) }
        }
    }

    struct Fit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fit a component: tix factory fit alice 1 forge")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The factory's owner.") var account: String
        @Argument(help: "The factory id.") var factory: Int64
        @Argument(help: "The component item.") var component: String

        func run() async throws {
            try await global.withEngine {
                try await global.submit(.fitComponent(account: account, factory: factory, component: component), submit, to: $0)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An account's factories (or everyone's) and their components.")
        @OptionGroup var global: ReadOptions
        @Argument(help: "Whose factories (default: everyone's).") var account: String?

        func run() async throws {
            let factories = try await global.withEngine { try $0.reader.factories(of: account) }
            Output.emit(factories, json: global.json) {
                factories.isEmpty ? "No factories yet." : factories.map { factory in
                    let fitted = factory.components.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                    return "#\(factory.id)\t\(factory.name)\t\(factory.owner)\t" + (fitted.isEmpty ? "no components" : fitted.joined(separator: ", "))
                }.joined(separator: "\n")
            }
        }
    }
}

struct CraftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "craft", abstract: "Craft in factories; crafts finish on the job queue.",
        subcommands: [Start.self, Cancel.self, Jobs.self, Wait.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a craft: tix craft start alice 1 iron_ingot")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The crafter, who owns the factory.") var account: String
        @Argument(help: "The factory id.") var factory: Int64
        @Argument(help: "The recipe id (its file name in recipes/).") var recipe: String
        @Flag(help: "Start it again when it finishes, while the inputs last.") var repeats = false

        func run() async throws {
            try await global.withEngine {
                try await global.submit(
                    .startCraft(account: account, factory: factory, recipe: recipe, repeats: repeats), submit, to: $0)
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a pending craft and get its inputs back.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The crafter.") var account: String
        @Argument(help: "The craft's job id.") var job: Int64

        func run() async throws {
            try await global.withEngine { try await global.submit(.cancelCraft(account: account, job: job), submit, to: $0) }
        }
    }

    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An account's crafts (pending ones unless --all).")
        @OptionGroup var global: ReadOptions
        @Argument(help: "Whose crafts.") var account: String
        @Flag(help: "Include finished, cancelled and failed jobs.") var all = false

        func run() async throws {
            let jobs = try await global.withEngine { try $0.reader.jobs(of: account, all: all) }
            Output.emit(jobs, json: global.json) {
                jobs.isEmpty ? "No crafts." : jobs.map { job in
                    let due = Date(timeIntervalSince1970: Double(job.dueAt) / 1000).formatted(.iso8601)
                    switch job.job {
                    case .craft(let craft):
                        return "#\(job.id)\t\(craft.recipe) in factory #\(craft.factory)\t\(job.state.rawValue)\tdue \(due)"
                            + (craft.repeats ? "\trepeats" : "") + (craft.variableYield ? "\tyield decided on completion" : "")
                    case .expireOrder(let order):
                        return "#\(job.id)\texpiry of order #\(order)\t\(job.state.rawValue)\tdue \(due)"
                    case .advanceProposal(let proposal):
                        return "#\(job.id)\tnext deadline of proposal #\(proposal)\t\(job.state.rawValue)\tdue \(due)"
                    case .line(let line):
                        return "#\(job.id)\ttick of assembly line #\(line)\t\(job.state.rawValue)\tdue \(due)"
                    case .payroll(let org):
                        return "#\(job.id)\tpayday of \(org)\t\(job.state.rawValue)\tdue \(due)"
                    }
                }.joined(separator: "\n")
            }
        }
    }
}

struct RecipesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipes", abstract: "The Parliament-approved recipes.", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every recipe: the genesis files of recipes/ and those the Parliament adopted, with origin, version and patent.")
        @OptionGroup var global: GlobalOptions

        /// One recipe as listed: where it comes from (its file, or the proposal that adopted it), its
        /// version (SHA-256 of its source) and its patent, if any.
        struct Listing: Encodable {
            var recipe: Recipe
            var origin: String
            var version: String
            var patent: Patent?
        }

        func run() async throws {
            let directory = URL(fileURLWithPath: global.recipes, isDirectory: true)
            let exists = FileManager.default.isDirectory(global.recipes)
            // The Parliament's recipes and patents live in the ledger, when there is one.
            let (adopted, patents) = FileManager.default.fileExists(atPath: global.db)
                ? try await GlobalOptions.run(try Engine(path: global.db, logger: GlobalOptions.quietLogger), json: global.json) {
                    (try $0.reader.adoptedRecipes(), try $0.reader.patents())
                } : ([], [])
            let listings = RecipeBook.live(exists ? directory : nil, adopted: adopted).map { entry in
                Listing(
                    recipe: entry.recipe, origin: entry.file.map { "\(global.recipes)/\($0)" } ?? "proposal #\(entry.proposal ?? 0)",
                    version: entry.version, patent: patents.first { $0.recipe == entry.recipe.id && entry.proposal != nil })
            }
            let recipes = exists ? try RecipeBook.read(directory) : []
            let broken: [String] = recipes.compactMap { entry in
                guard case .failure(let error) = entry.recipe else { return nil }
                return "\(entry.file): BROKEN" + (error.line.map { " at line \($0)" } ?? "") + ": \(error.message)"
            }
            Output.emit(listings, json: global.json) { (listings.map(Self.line) + broken).joined(separator: "\n") }
        }

        static func line(_ listing: Listing) -> String {
            let patent = listing.patent.map { patent in
                "\tpatent held by \(patent.holder ?? "nobody") until \(ParliamentCommand.time(patent.expiresAt))"
            }
            return RecipesCommand.line(listing.recipe) + "\t\(listing.origin)\t\(listing.version.prefix(12))" + (patent ?? "")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One recipe in full.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The recipe id.") var recipe: String

        func run() async throws {
            let found = try RecipeBook.read(URL(fileURLWithPath: global.recipes, isDirectory: true))
                .first { $0.file == "\(recipe).lua" }
            guard let found else { throw ValidationError("There is no recipe called '\(recipe)'.") }
            let parsed = try found.recipe.get()
            Output.emit(parsed, json: global.json) {
                RecipesCommand.line(parsed) + "\n  needs: " + (parsed.components.isEmpty ? "no component" : parsed.components.joined(separator: ", "))
                    + "\n  takes: \(parsed.duration / 1000) s at normal speed" + (parsed.variableYield ? "\n  yield varies (yield function)" : "")
                    + (parsed.faucet ? "\n  faucet: takes no inputs, so every craft issues new items (faucet = true)" : "")
            }
        }
    }

    static func line(_ recipe: Recipe) -> String {
        let list = { (items: [ItemAmount]) in items.map { "\($0.amount) \($0.asset)" }.joined(separator: " + ") }
        return "\(recipe.id)\t\(recipe.name)\t\(recipe.faucet ? "nothing (faucet)" : list(recipe.inputs)) → \(list(recipe.outputs))"
    }
}

