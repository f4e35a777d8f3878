import ArgumentParser
import Engine
import Foundation

/// The subcommands companies and states share (`tix company …`, `tix state …`): membership, roles,
/// the treasury, wages and payroll, and dissolution. Each is one journaled command whose actor (`--as`)
/// is the member acting; the treasury moves through `transfer` with the org's account.
enum OrgSubcommands {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An org: members, roles, treasury and inventory, lines, wages.")
        @OptionGroup var global: ReadOptions
        @Argument(help: "The org's name.") var org: String

        struct Shown: Encodable {
            var details: OrgDetails
            /// Treasury and inventory, by asset code, in minor units.
            var holdings: [String: Int64]
        }

        func run() async throws {
            let (details, holdings) = try await global.withEngine { (try $0.reader.org(named: org), try $0.reader.balances(of: org)) }
            let shown = Shown(details: details, holdings: Dictionary(uniqueKeysWithValues: holdings.map { ($0.asset.code, $0.amount) }))
            Output.emit(shown, json: global.json) { OrgText.describe(details, holdings) }
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invite a player: tix company invite acme bob --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The player invited.") var member: String

        func run() async throws { try await global.withEngine { try await global.submit(.org(.invite(org: org, member: member)), submit, to: $0) } }
    }

    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Join (accept an invitation, or ask a state to admit you): tix company join acme bob --as bob")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The player joining.") var member: String

        func run() async throws { try await global.withEngine { try await global.submit(.org(.join(org: org, member: member)), submit, to: $0) } }
    }

    struct Leave: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leave an org (or decline an invitation).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The player leaving.") var member: String

        func run() async throws { try await global.withEngine { try await global.submit(.org(.leave(org: org, member: member)), submit, to: $0) } }
    }

    struct Kick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a member: tix company kick acme bob --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The member removed.") var member: String

        func run() async throws { try await global.withEngine { try await global.submit(.org(.kick(org: org, member: member)), submit, to: $0) } }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give roles and define custom ones.", subcommands: [Set.self, Define.self])

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Give a member a role: tix company role set acme bob director --as alice")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var submit: SubmitOptions
            @Argument(help: "The org.") var org: String
            @Argument(help: "The member.") var member: String
            @Argument(help: "The role.") var role: String

            func run() async throws {
                try await global.withEngine { try await global.submit(.org(.setRole(org: org, member: member, role: role)), submit, to: $0) }
            }
        }

        struct Define: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create or change a custom role: tix company role define acme clerk --permissions spend,trade --cap 15 --as alice")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var submit: SubmitOptions
            @Argument(help: "The org.") var org: String
            @Argument(help: "The role's name.") var role: String
            @Option(help: "Comma-separated: \(OrgPermission.allCases.map(\.rawValue).joined(separator: ", ")).") var permissions = ""
            @Option(help: "Tickets each holder may move out of the treasury per day, e.g. 15 or 2.50 (default: no cap).") var cap: String?

            func run() async throws {
                let granted = try permissions.split(separator: ",").map { name in
                    guard let permission = OrgPermission(rawValue: String(name)) else {
                        throw ValidationError("'\(name)' is not a permission: use \(OrgPermission.allCases.map(\.rawValue).joined(separator: ", ")).")
                    }
                    return permission
                }
                try await global.withEngine { engine in
                    let units = try cap.map { try engine.reader.parseAmount($0, asset: Asset.ticket.code) }
                    let definition = OrgRole(name: role, permissions: Swift.Set(granted), dailyCap: units)
                    try await global.submit(.org(.defineRole(org: org, role: definition)), submit, to: engine)
                }
            }
        }
    }

    struct Deposit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put tickets or items into the org: tix company deposit acme alice 100 --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "Who deposits (and pays the transfer fee).") var member: String
        @Argument(help: "How much, e.g. 100 or 2.50.") var amount: String
        @Option(help: "The asset code: TIX for the treasury, an item for the inventory.") var asset = Asset.ticket.code

        func run() async throws {
            try await global.withEngine { engine in
                let units = try engine.reader.parseAmount(amount, asset: asset)
                try await global.submit(.transfer(from: member, to: org, asset: asset, amount: units), submit, to: engine)
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take tickets or items out to yourself, within your role and cap: tix company withdraw acme bob 10 --as bob")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "Who receives it.") var member: String
        @Argument(help: "How much.") var amount: String
        @Option(help: "The asset code.") var asset = Asset.ticket.code

        func run() async throws {
            try await global.withEngine { engine in
                let units = try engine.reader.parseAmount(amount, asset: asset)
                try await global.submit(.transfer(from: org, to: member, asset: asset, amount: units), submit, to: engine)
            }
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pay from the treasury: tix company pay acme carol 10 --as bob")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "Who is paid.") var to: String
        @Argument(help: "How much.") var amount: String
        @Option(help: "The asset code.") var asset = Asset.ticket.code
        @Option(help: "A note kept in the journal.") var memo: String?

        func run() async throws {
            try await global.withEngine { engine in
                let units = try engine.reader.parseAmount(amount, asset: asset)
                try await global.submit(.transfer(from: org, to: to, asset: asset, amount: units, memo: memo), submit, to: engine)
            }
        }
    }

    struct Wage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a member's wage per payday: tix company wage acme bob 30 --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The member.") var member: String
        @Argument(help: "Tickets per payday (0: none).") var amount: String

        func run() async throws {
            try await global.withEngine { engine in
                let units = amount == "0" ? 0 : try engine.reader.parseAmount(amount, asset: Asset.ticket.code)
                try await global.submit(.org(.setWage(org: org, member: member, amount: units)), submit, to: engine)
            }
        }
    }

    struct Payroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pay wages every PERIOD (e.g. 1d, 12h, 30m; 0 stops): tix company payroll acme 1d --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String
        @Argument(help: "The period: a number with d, h, m or s.") var period: String

        func run() async throws {
            let millis = try OrgText.period(period)
            try await global.withEngine { try await global.submit(.org(.setPayroll(org: org, period: millis)), submit, to: $0) }
        }
    }

    struct Dissolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the org; everything it holds goes to you, its owner: tix company dissolve acme --as alice")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The org.") var org: String

        func run() async throws { try await global.withEngine { try await global.submit(.org(.dissolve(org: org)), submit, to: $0) } }
    }
}
