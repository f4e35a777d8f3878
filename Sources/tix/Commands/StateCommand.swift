import ArgumentParser
import Engine
import Foundation

struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "States: citizens admitted by the state's rule, a tax rule, a treasury spent by roles.",
        subcommands: [
            Create.self, List.self, OrgSubcommands.Show.self, OrgSubcommands.Join.self, OrgSubcommands.Leave.self,
            OrgSubcommands.Invite.self, OrgSubcommands.Kick.self, OrgSubcommands.Role.self, Rule.self, OrgSubcommands.Deposit.self,
            OrgSubcommands.Withdraw.self, OrgSubcommands.Pay.self, OrgSubcommands.Wage.self, OrgSubcommands.Payroll.self,
            OrgSubcommands.Dissolve.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Found a state (fee per rules/companies.lua): tix state create alice utopia --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The founding player, its governor.") var founder: String
        @Argument(help: "The state's account name.") var name: String

        func run() async throws {
            try await global.withEngine { try await global.submit(.org(.create(kind: .state, name: name, founder: founder)), submit, to: $0) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every state.")
        @OptionGroup var global: ReadOptions

        func run() async throws {
            let orgs = try await global.withEngine { try $0.reader.orgs(kind: .state) }
            Output.emit(orgs, json: global.json) { OrgText.list(orgs, none: "No states yet.") }
        }
    }

    struct Rule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The state's tax and admission rule.", subcommands: [Set.self])

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Store a new tax rule, checked like every rule: tix state rule set utopia tax.lua --as alice")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var submit: SubmitOptions
            @Argument(help: "The state.") var state: String
            @Argument(help: "The Lua file: tax(t) and optionally admit(c); see rules/README.md.") var file: String

            func run() async throws {
                let source = try String(contentsOfFile: file, encoding: .utf8)
                try await global.withEngine { try await global.submit(.org(.setTaxRule(org: state, source: source)), submit, to: $0) }
            }
        }
    }
}
