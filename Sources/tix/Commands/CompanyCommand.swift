import ArgumentParser
import Engine

struct CompanyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company", abstract: "Companies: members and roles, a treasury and inventory, assembly lines, payroll.",
        subcommands: [
            Create.self, List.self, OrgSubcommands.Show.self, OrgSubcommands.Invite.self, OrgSubcommands.Join.self,
            OrgSubcommands.Leave.self, OrgSubcommands.Kick.self, OrgSubcommands.Role.self, OrgSubcommands.Deposit.self,
            OrgSubcommands.Withdraw.self, OrgSubcommands.Pay.self, OrgSubcommands.Wage.self, OrgSubcommands.Payroll.self,
            Line.self, Price.self, Service.self, OrgSubcommands.Dissolve.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Found a company (fee per rules/companies.lua): tix company create alice acme --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The founding player, its owner.") var founder: String
        @Argument(help: "The company's account name.") var name: String

        func run() async throws {
            try await global.withEngine { try await global.submit(.org(.create(kind: .company, name: name, founder: founder)), submit, to: $0) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every company.")
        @OptionGroup var global: ReadOptions

        func run() async throws {
            let orgs = try await global.withEngine { try $0.reader.orgs(kind: .company) }
            Output.emit(orgs, json: global.json) { OrgText.list(orgs, none: "No companies yet.") }
        }
    }

    struct Line: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assembly lines across the company's factories.", subcommands: [Start.self, Stop.self])

        struct Start: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Chain recipes across factories: tix company line start acme tools 1:iron_ingot 2:tool --as alice")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var submit: SubmitOptions
            @Argument(help: "The company.") var org: String
            @Argument(help: "The line's name.") var name: String
            @Argument(help: "Stages in order, as FACTORY:RECIPE.") var stages: [String]

            func run() async throws {
                let parsed = try stages.map { stage in
                    let parts = stage.split(separator: ":").map(String.init)
                    guard parts.count == 2, let factory = Int64(parts[0]) else {
                        throw ValidationError("'\(stage)' is not a stage: write FACTORY:RECIPE, e.g. 1:iron_ingot.")
                    }
                    return LineStage(factory: factory, recipe: parts[1])
                }
                try await global.withEngine { try await global.submit(.org(.startLine(org: org, name: name, stages: parsed)), submit, to: $0) }
            }
        }

        struct Stop: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Stop a line after its running crafts: tix company line stop acme 1 --as alice")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var submit: SubmitOptions
            @Argument(help: "The company.") var org: String
            @Argument(help: "The line's id.") var line: Int64

            func run() async throws { try await global.withEngine { try await global.submit(.org(.stopLine(org: org, line: line)), submit, to: $0) } }
        }
    }
}

extension CompanyCommand {
    struct Price: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Offer crafting as a service: tix company price acme iron_ingot 5 --as alice (0 withdraws it)")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The company.") var org: String
        @Argument(help: "The recipe.") var recipe: String
        @Argument(help: "Its price in tickets.") var price: String

        func run() async throws {
            try await global.withEngine { engine in
                let units = price == "0" ? 0 : try engine.reader.parseAmount(price, asset: Asset.ticket.code)
                try await global.submit(.org(.setPrice(org: org, recipe: recipe, price: units)), submit, to: engine)
            }
        }
    }

    struct Service: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Have a company craft for you at its price, from your inputs: tix company service acme carol 1 iron_ingot --as carol")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The company.") var org: String
        @Argument(help: "The customer, who pays and receives the outputs.") var customer: String
        @Argument(help: "The company's factory id.") var factory: Int64
        @Argument(help: "The recipe.") var recipe: String

        func run() async throws {
            try await global.withEngine {
                try await global.submit(.org(.buyService(org: org, customer: customer, factory: factory, recipe: recipe)), submit, to: $0)
            }
        }
    }
}
