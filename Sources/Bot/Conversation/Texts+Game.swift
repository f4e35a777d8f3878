/// The words of game servers in the chat: links and allowances.
extension Texts {
    enum Game {
        static let linkSummary = "link your game account with the code the game server showed you"
        static let linkUsage = "CODE"
        static let allowSummary = "allow a game server to charge you up to an amount a day"
        static let allowUsage = "SERVER AMOUNT"
        static let disallowSummary = "withdraw a game server's allowance"
        static let disallowUsage = "SERVER"

        static let linked = "🎮 Linked: the game server now knows your game account as you."

        static func allowQuestion(_ org: String, daily: String) -> String { "Allow \(org) to charge up to \(daily) a day?" }

        static func allowed(_ org: String, daily: String) -> String {
            "✅ \(org) may charge you up to \(daily) a day. Withdraw it with /disallow \(org)."
        }

        static func disallowed(_ org: String) -> String { "✅ \(org) may no longer charge you." }
    }
}
