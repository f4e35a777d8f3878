import Foundation

/// What a swap pays and receives, read from its receipt.
public struct SwapQuote: Sendable, Hashable, Codable {
    /// Minor units of the swap's input asset the trader pays, fee included.
    public var pays: Int64
    /// The part of `pays` that is the fee.
    public var fee: Int64
    /// Minor units of the output asset the trader receives.
    public var receives: Int64

    public init(_ swap: Swap, receipt: Receipt) {
        let paid = receipt.postings.filter { $0.from == swap.account }
        pays = paid.reduce(0) { $0 + $1.amount }
        fee = paid.filter { $0.to != Account.pool(of: swap.asset) }.reduce(0) { $0 + $1.amount }
        receives = receipt.postings.filter { $0.to == swap.account }.reduce(0) { $0 + $1.amount }
    }
}

extension Engine {
    /// What `swap` would do now, without doing it: the writer applies it to the live pool and rules and
    /// rolls it back, so the quote is the swap itself as long as the pool does not move in between.
    public func quote(_ swap: Swap, actor: String = Submission.admin) async throws -> SwapQuote {
        SwapQuote(swap, receipt: try await preview(Submission(actor: actor, key: UUID().uuidString, command: .swap(swap))))
    }
}
