import Engine

/// What the bot says about companies and states.
extension Texts {
    enum Orgs {
        static let companyUsage = "[NAME] · new NAME · invite NAME @player · join NAME · leave NAME · kick NAME @player · "
            + "role NAME @player ROLE · pay NAME @player AMOUNT · deposit NAME AMOUNT · wage NAME @player AMOUNT · payroll NAME 1d"
        static let stateUsage = "[NAME] · new NAME · join NAME · leave NAME · invite NAME @player · role NAME @player ROLE · pay NAME @player AMOUNT"
        static let bindUsage = "company NAME (or state NAME), in the group"
        static let coUsage = "[pay @player AMOUNT · invite @player · role @player ROLE · ...] in a bound group"
        static let companySummary = "🏢 your companies: members, treasury, lines, payroll"
        static let stateSummary = "🏛 your state: citizens, treasury, taxes"
        static let bindSummary = "bind this group to your company or state"
        static let coSummary = "act for the group's company or state"
        static let companyLabel = "🏢 Company"
        static let stateLabel = "🏛 State"

        static func icon(_ kind: Org.Kind) -> String {
            switch kind {
            case .company: "🏢"
            case .state: "🏛"
            case .game: "🎮"
            }
        }

        static func none(_ kind: Org.Kind) -> String {
            kind == .company
                ? "You are in no company yet. Found one with /company new NAME, or ask a director to invite you."
                : "You are a citizen of no state yet. Join one with /state join NAME, or found one with /state new NAME."
        }

        static func yours(_ kind: Org.Kind) -> String { kind == .company ? "🏢 Your companies:" : "🏛 Your states:" }

        static func invited(_ org: String, by inviter: String, kind: Org.Kind, link: String?) -> String {
            "✉️ \(inviter) invited you to \(org). Accept with /\(kind.rawValue) join \(org)" + (link.map { " or open \($0)" } ?? "")
        }

        static func done(_ what: String) -> String { "✅ \(what)" }
        static let notBound = "This group is bound to no company or state: its owner binds it with /bind company NAME."
        static let bindInGroup = "Bind a group, not a private chat: add the bot to your company's group and say /bind company NAME there."
        static func bound(_ org: String) -> String { "✅ This group now acts for \(org): members use /co here, each with their own role." }
        static let onlyTopRole = "Only the owner (a state's governor) binds a group to it."
        static func lineStuck(_ line: String, of org: String, status: String) -> String {
            "🏭 Your line \(line) in \(org) is \(status): add what it lacks to \(org)'s inventory."
        }
        static func badPeriod(_ text: String) -> String { "'\(text)' is not a period: write a number with d, h, m or s, e.g. 1d." }
    }
}
