/// A voter's choice on a proposal. Abstentions count towards the quorum but not for or against.
public enum Ballot: String, Codable, Sendable, Hashable, CaseIterable {
    case yes = "yes", no = "no", abstain = "abstain"
}
