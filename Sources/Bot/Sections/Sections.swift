/// The game as the bot offers it, in the order of /help and the main menu. To add a part of the game,
/// write its ``Section`` and list it here.
enum Sections {
    static let all: [any Section] = [
        StartSection(), RewardSection(), WalletSection(), PaySection(), GiveSection(), MarketSection(), AMMSection(), FactorySection(),
        CraftSection(), ParliamentSection(), OrgSection(), GameSection(), ConfirmationSection(),
    ]
}
