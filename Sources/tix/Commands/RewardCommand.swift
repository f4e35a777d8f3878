import ArgumentParser
import Engine

struct RewardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward", abstract: "Faucets decided by rules/rewards.lua.", subcommands: [Claim.self])

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Claim a reward: tix reward claim alice --kind tap")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The account claiming.") var account: String
        @Option(help: "daily or tap.") var kind: RewardKind = .daily

        func run() async throws {
            try await global.withEngine { try await global.submit(.claimReward(account: account, kind: kind), submit, to: $0) }
        }
    }
}

extension RewardKind: ExpressibleByArgument {}
