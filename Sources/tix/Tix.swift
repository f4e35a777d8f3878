import ArgumentParser

@main
struct Tix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tix",
        abstract: "Ticketonomics: the community-economy engine and its admin tool.",
        discussion: "Every command takes --db PATH (default ./data/ticketonomics.sqlite) and --json for scripts.",
        subcommands: [
            Serve.self, AccountCommand.self, AssetCommand.self, Mint.self, Transfer.self, Post.self,
            Balance.self, History.self, JournalCommand.self, SupplyCommand.self, Verify.self, RewardCommand.self,
            RulesCommand.self, AMMCommand.self, MarketCommand.self, FactoryCommand.self, CraftCommand.self,
            RecipesCommand.self, Play.self, BotCommand.self, Load.self,
            Bench.self,
        ])
}
