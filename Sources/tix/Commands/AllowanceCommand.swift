import ArgumentParser
import Engine
import Foundation

struct AllowanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allowance", abstract: "A player's consent that an org (a game server) may charge them up to an amount a day.",
        subcommands: [Grant.self, Revoke.self, List.self])

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "tix allowance grant bob mc-server --daily 50 --as bob")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The player consenting.") var player: String
        @Argument(help: "The org allowed to charge.") var org: String
        @Option(help: "The most it may charge per day, in TIX.") var daily: String

        func run() async throws {
            try await global.withEngine { engine in
                let amount = try engine.reader.parseAmount(daily, asset: Asset.ticket.code)
                try await global.submit(.api(.grantAllowance(player: player, org: org, daily: amount)), submit, to: engine)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "tix allowance revoke bob mc-server --as bob")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The player.") var player: String
        @Argument(help: "The org.") var org: String

        func run() async throws {
            try await global.withEngine { try await global.submit(.api(.revokeAllowance(player: player, org: org)), submit, to: $0) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A player's allowances (or an org's, with --org), with today's charges.")
        @OptionGroup var global: ReadOptions
        @Option(help: "Only this player's.") var player: String?
        @Option(help: "Only those granted to this org.") var org: String?

        func run() async throws {
            let today = Int64(Date().timeIntervalSince1970 * 1000) / 86_400_000
            let list = try await global.withEngine { try $0.reader.allowances(player: player, org: org, day: today) }
            Output.emit(list, json: global.json) {
                list.isEmpty ? "No allowances." : list.map {
                    "\($0.player) allows \($0.org) \(Amount.format($0.daily, scale: Asset.ticket.scale)) TIX a day"
                        + " (charged today: \(Amount.format($0.spentToday, scale: Asset.ticket.scale)))"
                }.joined(separator: "\n")
            }
        }
    }
}
