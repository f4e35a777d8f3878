import ArgumentParser
import Engine

/// `tix org`: any kind of org, game servers included; companies and states keep their own commands.
struct OrgGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organizations of every kind: tix org create mc-server --kind game --founder alice",
        subcommands: [Create.self, List.self, OrgSubcommands.Show.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Found an org (fee per rules/companies.lua) by the admin or its founder.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org's account name.") var name: String
        @Option(help: "company, state or game.") var kind: Org.Kind
        @Option(help: "The founding player, its top role. Default: the --as player.") var founder: String?

        func run() async throws {
            guard let owner = founder ?? (submit.actor == Submission.admin ? nil : submit.actor) else {
                throw ValidationError("Name its founding player with --founder PLAYER.")
            }
            try await global.withEngine { try await global.submit(.org(.create(kind: kind, name: name, founder: owner)), submit, to: $0) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every org, or those of one kind.")
        @OptionGroup var global: ReadOptions
        @Option(help: "company, state or game.") var kind: Org.Kind?

        func run() async throws {
            let orgs = try await global.withEngine { try $0.reader.orgs(kind: kind) }
            Output.emit(orgs, json: global.json) { OrgText.list(orgs, none: "No organizations yet.") }
        }
    }
}

extension Org.Kind: ExpressibleByArgument {}
