import ArgumentParser

@main
struct Tix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tix",
        abstract: "Ticketonomics: the community-economy engine and its admin tool.",
        discussion: """
            Every command takes --db PATH (default ./data/ticketonomics.sqlite) and --json for scripts \
            (amounts in JSON are integers of minor units: see docs/cli.md).
            """,
        version: "0.3.0",
        subcommands: [
            Serve.self, AccountCommand.self, AssetCommand.self, Mint.self, Transfer.self, Post.self,
            Balance.self, History.self, JournalCommand.self, SupplyCommand.self, Verify.self, RewardCommand.self,
            RulesCommand.self, AMMCommand.self, MarketCommand.self, FactoryCommand.self, CraftCommand.self,
            RecipesCommand.self, ParliamentCommand.self, PatentCommand.self, Play.self, BotCommand.self,
            CompanyCommand.self, StateCommand.self, OrgGroupCommand.self, ApiKeyCommand.self, AllowanceCommand.self, LinkCommand.self,
            WebhookCLI.self, ExportCommand.self, SimulateCommand.self,
        ])

    /// As `AsyncParsableCommand.main`, but a negative number such as `-5` reaches the command as an
    /// amount it refuses in words, instead of being taken for an unknown flag.
    static func main() async {
        do {
            var command = try parseAsRoot(CommandLine.arguments.dropFirst().map(Self.protectingNegativeNumber))
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// `-5` or `-0.25` becomes `−5` (U+2212, the minus sign), which no option can start with and which
    /// `Amount.read` recognises as a negative amount.
    static func protectingNegativeNumber(_ argument: String) -> String {
        guard argument.count > 1, argument.hasPrefix("-"), argument.dropFirst().allSatisfy({ $0.isNumber || $0 == "." })
        else { return argument }
        return "\u{2212}" + argument.dropFirst()
    }
}
