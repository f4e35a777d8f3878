/// The `data` object of each event, as the README documents it. Amounts are integers of minor units.
enum WebhookPayload {
    struct TransferReceived: Encodable {
        var from: String
        var asset: String
        var amount: Int64
        var memo: String?
    }

    struct CraftCompleted: Encodable {
        var job: Int64
        var factory: Int64
        var recipe: String
        var outputs: [ItemAmount]
    }

    struct ProposalEnacted: Encodable {
        var proposal: Int64
        var recipe: String
        var inventor: String
    }

    struct ChargeSucceeded: Encodable {
        var key: Int64
        var from: String
        var asset: String
        var amount: Int64
        var memo: String?
    }

    struct LineStarved: Encodable {
        var line: Int64
        /// The input the line ran out of.
        var item: String
    }
}
