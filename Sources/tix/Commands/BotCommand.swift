import ArgumentParser
import Bot
import Engine
import Foundation

struct BotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bot", abstract: "The Telegram bot's own records.", subcommands: [DeadLettersCommand.self])

    struct DeadLettersCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dead-letters",
            abstract: "Updates the bot set aside because handling them kept failing, oldest first.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let letters = try await global.withEngine { try DeadLetters.list(engine: $0) }
            Output.emit(letters, json: global.json) {
                letters.isEmpty ? "No dead letters." : letters.map { letter in
                    let when = Date(timeIntervalSince1970: Double(letter.at) / 1000).formatted(.iso8601)
                    return "#\(letter.updateID)\t\(when)\tchat \(letter.chat.map(String.init) ?? "-")\tuser \(letter.user.map(String.init) ?? "-")\t"
                        + "\(letter.attempts) attempts\t\(letter.content)\t\(letter.error)"
                }.joined(separator: "\n")
            }
        }
    }
}
