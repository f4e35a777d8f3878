import ArgumentParser
import Engine
import Foundation
import LuaBridge

struct ParliamentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parliament", abstract: "Propose recipes, vote on them one person one vote, veto.",
        subcommands: [Propose.self, List.self, Show.self, Vote.self, Veto.self, Cancel.self, Vetoer.self, Vetoers.self])

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a recipe file to the Parliament: tix parliament propose alice gear.lua --title 'Gears' --as alice",
            discussion: "The recipe is named after the file. It is checked as `tix rules check FILE` checks it; the deposit of rules/parliament.lua is escrowed.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The inventor.") var account: String
        @Argument(help: "The recipe file, e.g. gear.lua.") var file: String
        @Option(help: "One line saying what it is for.") var title: String

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard url.pathExtension == "lua" else { throw ValidationError("'\(file)' is not a .lua recipe file.") }
            let script = try ScriptFile.read(url, name: url.lastPathComponent)
            let recipe = url.deletingPathExtension().lastPathComponent
            try await global.withEngine {
                try await global.submit(.propose(account: account, recipe: recipe, title: title, source: script.source), submit, to: $0)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Proposals, newest first.")
        @OptionGroup var global: ReadOptions
        @Option(help: "Only those in this state: \(ProposalState.allCases.map(\.rawValue).joined(separator: ", ")).")
        var state: ProposalState?

        func run() async throws {
            let proposals = try await global.withEngine { try $0.reader.proposals(state: state) }
            Output.emit(proposals, json: global.json) {
                proposals.isEmpty ? "No proposals." : proposals.map(ParliamentCommand.line).joined(separator: "\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One proposal: deadlines, votes, turnout, eligible voters, source, and its diff against the recipe it replaces.")
        @OptionGroup var global: ReadOptions
        @Option(help: "The directory of the genesis recipes, for the diff.") var recipes = "recipes"
        @Argument(help: "The proposal id.") var id: Int64

        /// What `--json` prints: the proposal in full, and the source of the recipe it would replace.
        struct Shown: Encodable {
            var detail: ProposalDetail
            var replaces: String?
            var replacesSource: String?
        }

        func run() async throws {
            let (detail, adopted) = try await global.withEngine { (try $0.reader.proposal(id), try $0.reader.adoptedRecipes()) }
            let recipe = detail.proposal.recipe
            let replaced: (name: String, source: String)? =
                if let earlier = adopted.first(where: { $0.recipe == recipe && $0.proposal != id }) {
                    ("proposal #\(earlier.proposal)", earlier.source)
                } else if let file = try? ScriptFile.read(URL(fileURLWithPath: recipes).appendingPathComponent("\(recipe).lua"), name: "\(recipe).lua") {
                    ("\(recipes)/\(recipe).lua", file.source)
                } else { nil }
            Output.emit(Shown(detail: detail, replaces: replaced?.name, replacesSource: replaced?.source), json: global.json) {
                ParliamentCommand.describe(detail, replacing: replaced)
            }
        }
    }

    struct Vote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Vote: tix parliament vote bob 3 yes --as bob")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The voter.") var account: String
        @Argument(help: "The proposal id.") var id: Int64
        @Argument(help: "yes, no or abstain.") var ballot: Ballot

        func run() async throws {
            try await global.withEngine { try await global.submit(.vote(account: account, proposal: id, ballot: ballot), submit, to: $0) }
        }
    }

    struct Veto: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Veto an approved proposal in its veto window: tix parliament veto 3 --reason '...' --as admin")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The proposal id.") var id: Int64
        @Option(help: "Why, shown to every voter.") var reason: String

        func run() async throws {
            try await global.withEngine { try await global.submit(.veto(proposal: id, reason: reason), submit, to: $0) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw your proposal before voting starts; the deposit returns.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The inventor.") var account: String
        @Argument(help: "The proposal id.") var id: Int64

        func run() async throws {
            try await global.withEngine { try await global.submit(.cancelProposal(account: account, proposal: id), submit, to: $0) }
        }
    }

    struct Vetoer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an account the veto role (admin only), or take it with --revoke.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The account.") var account: String
        @Flag(help: "Take the role away.") var revoke = false

        func run() async throws {
            try await global.withEngine { try await global.submit(.setVetoer(account: account, holds: !revoke), submit, to: $0) }
        }
    }

    struct Vetoers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accounts holding the veto role, besides the admin.")
        @OptionGroup var global: ReadOptions

        func run() async throws {
            let names = try await global.withEngine { try $0.reader.vetoers() }
            Output.emit(names, json: global.json) { names.isEmpty ? "Only the admin may veto." : names.joined(separator: "\n") }
        }
    }

    static func line(_ proposal: Proposal) -> String {
        "#\(proposal.id)\t\(proposal.recipe)\t\(proposal.state.rawValue)\tby \(proposal.inventor)\t\(proposal.title)"
            + (proposal.eligible > 0 ? "\t\(proposal.votes)/\(proposal.eligible) voted" : "")
    }

    static func time(_ millis: Int64) -> String { Date(timeIntervalSince1970: Double(millis) / 1000).formatted(.iso8601) }

    static func describe(_ detail: ProposalDetail, replacing replaced: (name: String, source: String)?) -> String {
        let p = detail.proposal
        var lines = [
            "#\(p.id) \(p.recipe): \(p.title)", "  by \(p.inventor), \(p.state.rawValue)",
            "  deposit \(Amount.format(p.deposit, scale: Asset.ticket.scale)) TIX, version \(p.version.prefix(12))",
            "  proposed \(time(p.createdAt)); voting \(time(p.votingAt)) to \(time(p.closesAt)); veto window until \(time(p.vetoEndsAt))",
        ]
        if p.eligible > 0 {
            lines.append(
                "  votes: \(p.yes) yes, \(p.no) no, \(p.abstain) abstain; turnout \(p.votes) of \(p.eligible) eligible (\(p.votes * 100 / p.eligible) %)")
        }
        if let reason = p.vetoReason { lines.append("  vetoed by \(p.vetoedBy ?? "admin"): \(reason)") }
        let history = [("proposed", p.createdSeq), ("voting opened", p.activatedSeq), ("\(p.state.rawValue)", p.decidedSeq)]
            .compactMap { step, seq in seq.map { "\(step) at entry \($0)" } }
        lines.append("  history: " + history.joined(separator: "; ") + " (tix journal shows each entry)")
        if !detail.voters.isEmpty {
            lines.append("voters:")
            lines += detail.voters.map { voter in
                "  \(voter.account)\t" + (voter.eligible ? (voter.ballot.map { "voted \($0.rawValue)" } ?? "eligible, not voted") : "not eligible: \(voter.reason ?? "")")
            }
        }
        lines.append("source:")
        lines += detail.source.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        if let replaced {
            lines.append("diff against \(replaced.name):")
            lines += LineDiff.lines(from: replaced.source, to: detail.source).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

extension ProposalState: ExpressibleByArgument {}
extension Ballot: ExpressibleByArgument {}
