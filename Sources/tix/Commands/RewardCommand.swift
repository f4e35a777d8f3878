import ArgumentParser
import Engine

struct RewardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward", abstract: "Faucets decided by rules/rewards.lua.", subcommands: [Claim.self, Inviter.self])

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Claim a reward: tix reward claim alice --kind tap")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The account claiming.") var account: String
        @Option(help: "daily, tap, starter (once per account) or invite (for the invited players who became active).")
        var kind: RewardKind = .daily

        func run() async throws {
            try await global.withEngine { try await global.submit(.claimReward(account: account, kind: kind), submit, to: $0) }
        }
    }

    struct Inviter: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record who invited a player, once: tix reward inviter bob alice (alice invited bob)")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The invited account.") var account: String
        @Argument(help: "The account that invited it; paid its invite reward once the invitee is active.") var inviter: String

        func run() async throws {
            try await global.withEngine {
                try await global.submit(.nameInviter(account: account, inviter: inviter), submit, to: $0)
            }
        }
    }
}

extension RewardKind: ExpressibleByArgument {}
