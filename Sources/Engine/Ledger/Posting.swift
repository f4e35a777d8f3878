/// One leg of a double-entry movement: `amount` of `asset` leaves `from` and arrives at `to`.
///
/// A command applies a list of postings atomically: a payment with its fee, a swap's two legs.
public struct Posting: Codable, Sendable, Hashable {
    /// Assigned when the posting is stored; zero in a command that has not been applied yet.
    public var id: Int64
    public var from: String
    public var to: String
    public var asset: String
    public var amount: Int64

    /// Journal keys, fixed apart from the property names.
    enum CodingKeys: String, CodingKey { case id = "id", from = "from", to = "to", asset = "asset", amount = "amount" }

    public init(id: Int64 = 0, from: String, to: String, asset: String, amount: Int64) {
        self.id = id
        self.from = from
        self.to = to
        self.asset = asset
        self.amount = amount
    }
}
