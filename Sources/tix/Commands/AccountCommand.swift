import ArgumentParser
import Engine

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Open and list accounts.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an account: tix account create alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The account name.") var name: String
        @Option(help: "player or org.") var kind: Account.Kind = .player

        func run() async throws {
            try await global.withEngine { try await global.submit(.openAccount(name: name, kind: kind), submit, to: $0) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every account.")
        @OptionGroup var global: ReadOptions

        func run() async throws {
            let accounts = try await global.withEngine { try $0.reader.accounts() }
            Output.emit(accounts, json: global.json) {
                accounts.map { "\($0.id)\t\($0.name)\t\($0.kind.rawValue)" }.joined(separator: "\n")
            }
        }
    }
}

extension Account.Kind: ExpressibleByArgument {}
extension Asset.Kind: ExpressibleByArgument {}
