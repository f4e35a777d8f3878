import ArgumentParser
import Engine

/// `tix link PLAYER CODE`: what `/link CODE` does in Telegram, for players without the bot.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Tie a game identity to a player with the code its server got: tix link bob K7PQ2MZA --as bob")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var submit: SubmitOptions
    @Argument(help: "The player.") var player: String
    @Argument(help: "The code the game server shows.") var code: String

    func run() async throws {
        try await global.withEngine { try await global.submit(.api(.redeemLink(player: player, code: code.uppercased())), submit, to: $0) }
    }
}
