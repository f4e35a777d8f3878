import Engine
import Foundation

/// Each asset's scale, for prices as decimals on charts (a whole item's price in whole tickets, from
/// minor units of both) and amounts as players read them.
struct AssetScales {
    let scales: [String: Int]

    init(_ reader: LedgerReader) throws {
        scales = Dictionary(uniqueKeysWithValues: try reader.assets().map { ($0.code, $0.scale) })
    }

    /// `tickets` minor units paid for `items` minor units of `code`, per whole item in whole tickets.
    func price(tickets: Int64, items: Int64, of code: String) -> Double? {
        guard items > 0 else { return nil }
        let ticketScale = scales[Asset.ticket.code] ?? Asset.ticket.scale
        return Double(tickets) / Double(items) * pow(10, Double((scales[code] ?? 0) - ticketScale))
    }
}
