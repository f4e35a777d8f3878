import Engine
import Synchronization

/// Assets never change once defined, so the conversation reads each one once: amounts are formatted
/// and parsed many times per update.
final class AssetCache: Sendable {
    private let reader: LedgerReader
    private let known = Mutex<[String: Asset]>([Asset.ticket.code: .ticket])

    init(reader: LedgerReader) { self.reader = reader }

    func asset(_ code: String) throws -> Asset {
        if let asset = known.withLock({ $0[code] }) { return asset }
        guard let asset = try reader.asset(code: code) else { throw Rejection.unknownAsset(code) }
        known.withLock { $0[code] = asset }
        return asset
    }

    /// Minor units from what a player typed, `"12.50"` tickets being 1250.
    func parse(_ text: String, _ code: String) throws -> Int64 {
        try reader.parseAmount(text, of: try asset(code))
    }

    /// Minor units as players read them: "12.50 TIX", "3 sword".
    func format(_ amount: Int64, _ code: String) -> String {
        figure(amount, code) + " " + code
    }

    /// Minor units as players type them, without the asset: "12.50", "3".
    func figure(_ amount: Int64, _ code: String) -> String {
        Amount.format(amount, scale: (try? asset(code))?.scale ?? 0)
    }
}
