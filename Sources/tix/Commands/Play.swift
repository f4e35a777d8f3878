import ArgumentParser
import Bot
import Engine
import Foundation

struct Play: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play the Telegram bot's game in this terminal, no token needed.",
        discussion: "The same handlers and engine as the bot. Type a button's number to press it; :user NAME switches player.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The player to start as.") var user = "alice"

    func run() async throws {
        try await global.withEngine { engine in
            _ = try await global.openStartingPools(engine)
            // Crafts finish here too: the same job worker as `tix serve`.
            let worker = Task { await JobWorker(engine: engine, logger: GlobalOptions.quietLogger).run() }
            defer { worker.cancel() }
            let chat = try TerminalChat(engine: engine, user: user)
            print(TerminalChat.banner)
            while true {
                print(chat.prompt, terminator: "")
                guard let line = readLine(), let answer = try await chat.enter(line) else { return }
                print(answer)
            }
        }
    }
}
