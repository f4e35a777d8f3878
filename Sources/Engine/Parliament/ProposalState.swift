/// Where a proposal stands. Pending (review) → Active (voting) → Defeated | Approved → veto window →
/// Enacted | Vetoed; Canceled by its inventor before voting starts; Expired when it was never decided
/// (turnout short of the quorum, or it could no longer be enacted).
public enum ProposalState: String, Codable, Sendable, Hashable, CaseIterable {
    case pending = "pending", active = "active", defeated = "defeated", approved = "approved"
    case enacted = "enacted", vetoed = "vetoed", canceled = "canceled", expired = "expired"

    /// Still holding its deposit in escrow and a place among its inventor's open proposals.
    public var isOpen: Bool { self == .pending || self == .active || self == .approved }
}
