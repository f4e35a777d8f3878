/// One journal entry told as a sentence from one account's point of view: "Paid bob 12.50 TIX (fee
/// 0.06 TIX)". Every front end shows history through these, so a player reads what happened, with the
/// entry and its postings one step away.
public struct StoryLine: Codable, Sendable, Hashable {
    /// The journal entry the line tells.
    public var seq: Int64
    /// Journal time, ms since the epoch.
    public var at: Int64
    public var text: String
    /// The entry's postings that moved the account's balances (on a page), or all of them (one entry).
    public var postings: [Posting]

    /// JSON keys (`tix history --json`), fixed apart from the property names.
    enum CodingKeys: String, CodingKey { case seq = "seq", at = "at", text = "text", postings = "postings" }

    /// How stories name an account ("the mint", "the ore pool", a player by name): the one place to
    /// switch to display names, and front ends name a line's postings by it too.
    public static func name(of account: String) -> String {
        if Account.systemAccounts.contains(account) { return "the \(account)" }
        if Account.isPool(account) {
            return "the \(StoryTeller.itemName(String(account.dropFirst(Account.poolPrefix.count)))) pool"
        }
        return account
    }

    public init(seq: Int64, at: Int64, text: String, postings: [Posting]) {
        self.seq = seq
        self.at = at
        self.text = text
        self.postings = postings
    }
}

/// A page of an account's story, newest first.
public struct StoryPage: Sendable, Hashable {
    public var lines: [StoryLine]
    /// The `before` cursor of the next page; nil on the last page.
    public var next: Int64?
}
