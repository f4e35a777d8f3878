import Engine

/// The JSON of the API, as `openapi/tix.yaml` describes it. Amounts are integers of minor units with
/// their asset and its scale, never decimals.
enum Wire {
    struct Money: Codable, Equatable {
        var asset: String
        var amount: Int64
        var scale: Int

        static func tickets(_ amount: Int64) -> Money { Money(asset: Asset.ticket.code, amount: amount, scale: Asset.ticket.scale) }
    }

    struct Balance: Codable {
        var account: String
        var balances: [Money]
    }

    struct HistoryEntry: Codable {
        var seq: Int64
        var at: Int64
        var from: String
        var to: String
        var amount: Money
    }

    struct History: Codable {
        var account: String
        var entries: [HistoryEntry]
    }

    struct PayRequest: Codable, Equatable {
        /// A player's account name, or a game identity linked to one.
        var to: String
        /// Ticket minor units.
        var amount: Int64
        var memo: String?
    }

    struct ChargeRequest: Codable, Equatable {
        var from: String
        var amount: Int64
        var memo: String?
    }

    /// A payment, charge or gift of items as applied: its journal entry, who paid whom, and the fee the payer paid on top.
    struct Transfer: Codable {
        var seq: Int64
        var at: Int64
        var from: String
        var to: String
        var amount: Money
        var fee: Money
    }

    struct ItemsRequest: Codable, Equatable {
        /// A player's account name, or a game identity linked to one.
        var to: String
        /// An item code, e.g. `iron_ingot`.
        var asset: String
        var amount: Int64
        var memo: String?
    }

    struct WebhookRequest: Codable {
        /// Where deliveries are POSTed: an http:// or https:// URL.
        var url: String
        /// Event names, e.g. `charge.succeeded`.
        var events: [String]
    }

    struct Webhook: Codable {
        var endpoint: Int64
        var url: String
        var events: [String]
        /// The signing secret of `Tix-Signature`, shown only in this answer (and its retries).
        var secret: String
        var seq: Int64
    }

    struct LinkRequest: Codable {
        /// The game-side identity, e.g. a Minecraft UUID.
        var subject: String
    }

    struct Link: Codable {
        var code: String
        var subject: String
        /// Journal time (ms since the epoch) after which the code is refused.
        var expiresAt: Int64
        /// What the player sends to the bot.
        var instruction: String
    }
}
