import ArgumentParser
import Engine
import Foundation

struct PatentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patent", abstract: "Patents on Parliament-adopted recipes: licenses, open terms, royalties.",
        subcommands: [License.self, Terms.self, List.self, Show.self])

    struct License: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "License a patented recipe: tix patent license alice gear bob --royalty 2 --crafts 10 --expires-in 30d --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The patent holder.") var holder: String
        @Argument(help: "The recipe.") var recipe: String
        @Argument(help: "Who may craft it.") var licensee: String
        @Option(help: "Tickets per craft start, e.g. 2.50.") var royalty: String
        @Option(help: "How many craft starts it covers. Default: unlimited.") var crafts: Int64?
        @Option(help: "Lapses after this long: 12h, 30d... Default: with the patent.") var expiresIn: String?

        func run() async throws {
            try await global.withEngine { engine in
                let grant = LicenseGrant(
                    holder: holder, recipe: recipe, licensee: licensee,
                    royalty: try engine.reader.parseAmount(royalty, asset: Asset.ticket.code), crafts: crafts,
                    expiresIn: try expiresIn.map { try MarketCommand.OrderOptions.expiry(after: $0, from: 0) })
                try await global.submit(.license(grant), submit, to: engine)
            }
        }
    }

    struct Terms: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish the royalty anyone may craft for: tix patent terms alice gear --royalty 3 --as alice (--withdraw to stop).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The patent holder.") var holder: String
        @Argument(help: "The recipe.") var recipe: String
        @Option(help: "Tickets per craft start.") var royalty: String?
        @Flag(help: "Withdraw the open terms.") var withdraw = false

        func validate() throws {
            guard (royalty == nil) == withdraw else { throw ValidationError("Give either --royalty AMOUNT or --withdraw.") }
        }

        func run() async throws {
            try await global.withEngine { engine in
                let amount = try royalty.map { try engine.reader.parseAmount($0, asset: Asset.ticket.code) }
                try await global.submit(.setPatentTerms(holder: holder, recipe: recipe, royalty: amount), submit, to: engine)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every patent: holder, expiry, open terms, royalties earned.")
        @OptionGroup var global: ReadOptions

        func run() async throws {
            let patents = try await global.withEngine { try $0.reader.patents() }
            Output.emit(patents, json: global.json) {
                patents.isEmpty ? "No patents." : patents.map(PatentCommand.line).joined(separator: "\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One patent with its licenses.")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The recipe.") var recipe: String

        func run() async throws {
            let patent = try await global.withEngine { try $0.reader.patent(on: recipe) }
            guard let patent else { throw ValidationError("There is no patent on \(recipe).") }
            Output.emit(patent, json: global.json) {
                ([PatentCommand.line(patent)] + patent.licenses.map { license in
                    "  license: \(license.licensee) at \(PatentCommand.tickets(license.royalty)) a craft"
                        + (license.craftsLeft.map { ", \($0) crafts left" } ?? "")
                        + (license.expiresAt.map { ", until \(ParliamentCommand.time($0))" } ?? "")
                        + ", paid \(PatentCommand.tickets(license.paid))"
                }).joined(separator: "\n")
            }
        }
    }

    static func tickets(_ amount: Int64) -> String { "\(Amount.format(amount, scale: Asset.ticket.scale)) TIX" }

    static func line(_ patent: Patent) -> String {
        "\(patent.recipe)\theld by \(patent.holder ?? "nobody")\tuntil \(ParliamentCommand.time(patent.expiresAt))"
            + "\tfrom proposal #\(patent.proposal)" + (patent.openRoyalty.map { "\topen terms \(tickets($0)) a craft" } ?? "")
            + "\tearned \(tickets(patent.earned))"
    }
}
