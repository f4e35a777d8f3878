import Engine

/// The Parliament's words, beside the rest of ``Texts``.
extension Texts {
    enum Parliament {
        static let summaryList = "proposed recipes: vote on them, see results and vetoes"
        static let summaryProposal = "one proposal: who may vote, the tally, its result"
        static let summaryVote = "vote on a proposal, one person one vote"
        static let summaryPatents = "your patents and the licenses you hold"
        static let usageProposal = "NUMBER"
        static let usageVote = "NUMBER yes|no|abstain"

        static let label = "🏛 Parliament"
        static let patentsLabel = "📜 Patents"
        static func open(_ id: Int64, _ recipe: String) -> String { "🏛 #\(id) \(recipe)" }
        static func ballot(_ ballot: Ballot) -> String {
            switch ballot {
            case .yes: "✅ Yes"
            case .no: "❌ No"
            case .abstain: "➖ Abstain"
            }
        }

        static func list(open: [String], decided: [String]) -> String {
            var text = open.isEmpty ? "🏛 No proposal is open." : "🏛 Open proposals:\n" + open.joined(separator: "\n")
            if !decided.isEmpty { text += "\n\nRecently decided:\n" + decided.joined(separator: "\n") }
            return text + "\n\nPropose a recipe by sending its .lua file to this chat."
        }

        static func line(_ p: Proposal) -> String { "#\(p.id) \(p.recipe) — \(p.title) (\(state(p)))" }

        /// What a player reads first about a proposal: whether they may vote on it, and why not.
        static func eligibility(_ p: Proposal, voter: ProposalDetail.Voter?, isPlayer: Bool) -> String {
            switch p.state {
            case .pending: return "🕒 Voting opens \(time(p.votingAt)) UTC; who may vote is decided then."
            case .active:
                guard let voter else {
                    return isPlayer ? "🚫 You may not vote: your account was opened after voting began." : "🚫 Join the game to vote."
                }
                if !voter.eligible { return "🚫 You may not vote: \(voter.reason ?? "")" }
                return voter.ballot.map { "🗳 You voted \($0.rawValue)." } ?? "✅ You may vote on this, once."
            default: return voter?.ballot.map { "🗳 You voted \($0.rawValue)." } ?? ""
            }
        }

        static func card(_ p: Proposal, by inventor: String, eligibility: String, recipe: String) -> String {
            var lines = (eligibility.isEmpty ? [] : [eligibility, ""]) + ["🏛 #\(p.id) \(p.recipe): \(p.title)", "by \(inventor) — \(state(p))"]
            if !recipe.isEmpty { lines.append(recipe) }
            if p.eligible > 0 {
                lines.append("Yes \(p.yes) · No \(p.no) · Abstain \(p.abstain) — \(p.votes) of \(p.eligible) eligible voted")
            }
            if let reason = p.vetoReason { lines.append("⛔ Vetoed: \(reason)") }
            return lines.joined(separator: "\n")
        }

        static func state(_ p: Proposal) -> String {
            switch p.state {
            case .pending: "in review until \(time(p.votingAt)) UTC"
            case .active: "voting until \(time(p.closesAt)) UTC"
            case .approved: "approved; enacted \(time(p.vetoEndsAt)) UTC unless vetoed"
            case .enacted: "enacted: the recipe is live"
            case .defeated: "defeated"
            case .vetoed: "vetoed"
            case .canceled: "canceled"
            case .expired: "expired: too few votes"
            }
        }

        static func recipe(inputs: [String], outputs: [String], takes: String) -> String {
            "⚒ \(inputs.joined(separator: " + ")) → \(outputs.joined(separator: " + ")), \(takes)"
        }

        static let notARecipeFile = "🏛 To propose a recipe, send its .lua file (at most 64 KiB), with a caption for its title."
        static func defaultTitle(_ recipe: String) -> String { "A new recipe: \(recipe)" }
        static func proposed(_ id: Int64, deposit: String) -> String {
            "🏛 Proposed as #\(id). \(deposit) is held until it is decided: back if it is enacted, burned if voted down or vetoed."
        }

        static let summaryLicense = "let a player craft your patented recipe for a royalty per craft"
        static let usageLicense = "@player RECIPE ROYALTY [CRAFTS]"
        static let summaryTerms = "offer your patented recipe to all at a royalty per craft (off to stop)"
        static let usageTerms = "RECIPE ROYALTY|off"
        static func licensed(_ recipe: String, to licensee: String, royalty: String, crafts: Int64?) -> String {
            "📜 \(licensee) may craft \(recipe) for \(royalty) a craft" + (crafts.map { ", \($0) times" } ?? "") + "; the royalty comes to you."
        }
        static func licenseGranted(_ recipe: String, by holder: String, royalty: String, crafts: Int64?) -> String {
            "📜 \(holder) licensed \(recipe) to you: \(royalty) a craft" + (crafts.map { ", \($0) times" } ?? "") + "."
        }
        static func terms(_ recipe: String, royalty: String?) -> String {
            royalty.map { "📜 Anyone may now craft \(recipe) for \($0) a craft." } ?? "📜 \(recipe) is no longer offered to all."
        }

        static let summaryNotices = "on or off: hear when voting opens on a proposal"
        static let usageNotices = "on|off"
        static func notices(_ on: Bool) -> String {
            on ? "🔔 You will hear when voting opens (at most every few hours)." : "🔕 You will not hear when voting opens; /parliament shows what is open."
        }

        static func votingOpened(_ lines: [String]) -> String {
            "🏛 Voting opened:\n" + lines.joined(separator: "\n") + "\nOne person, one vote. (/parliament_notices off to stop these)"
        }

        static func decided(_ p: Proposal) -> String {
            switch p.state {
            case .enacted: "🎉 Your proposal #\(p.id) \(p.recipe) was enacted: the recipe is live and its patent is yours. Your deposit is back."
            case .vetoed: "⛔ Your proposal #\(p.id) \(p.recipe) was vetoed: \(p.vetoReason ?? "")"
            case .defeated: "Your proposal #\(p.id) \(p.recipe) was voted down: \(p.yes) yes, \(p.no) no."
            default: "Your proposal #\(p.id) \(p.recipe) \(state(p)); your deposit is back."
            }
        }

        static func voted(_ ballot: Ballot, _ id: Int64) -> String { "🗳 You voted \(ballot.rawValue) on #\(id). One person, one vote." }

        static func patents(held: [String], licensed: [String]) -> String {
            (held.isEmpty ? "📜 You hold no patent. Propose a recipe: if it is enacted, its patent is yours."
                : "📜 Your patents:\n" + held.joined(separator: "\n"))
                + (licensed.isEmpty ? "" : "\n\nYour licenses:\n" + licensed.joined(separator: "\n"))
        }

        static func patent(_ recipe: String, expires: Int64, openTerms: String?, earned: String, licenses: Int) -> String {
            "\(recipe): until \(time(expires)) UTC, \(licenses) license\(licenses == 1 ? "" : "s"), earned \(earned)"
                + (openTerms.map { ", open to all at \($0) a craft" } ?? "")
        }

        static func license(_ recipe: String, holder: String, royalty: String, craftsLeft: Int64?) -> String {
            "\(recipe) from \(holder) at \(royalty) a craft" + (craftsLeft.map { ", \($0) crafts left" } ?? "")
        }
    }
}
