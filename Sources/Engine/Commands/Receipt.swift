/// What an applied command did; it is journaled with the command and returned to its submitter.
public struct Receipt: Codable, Sendable, Hashable {
    /// The command's position in the journal.
    public var seq: Int64
    /// Journal time, ms since the epoch.
    public var at: Int64
    /// Every balance movement, with the ids they were stored under.
    public var postings: [Posting]
    /// The id of an account or asset the command created (a new pool: its account).
    public var createdID: Int64?

    /// Journal keys, fixed apart from the property names (`Canonical+Receipt.swift` writes the same).
    enum CodingKeys: String, CodingKey { case seq = "seq", at = "at", postings = "postings", createdID = "createdID" }

    public init(seq: Int64, at: Int64, postings: [Posting] = [], createdID: Int64? = nil) {
        self.seq = seq
        self.at = at
        self.postings = postings
        self.createdID = createdID
    }
}
