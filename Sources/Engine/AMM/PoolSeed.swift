import Foundation
import LuaBridge

/// One pool of the starting set that designers keep in `rules/pools.lua`: a raw material and the
/// reserves `tix amm seed` issues into its pool.
public struct PoolSeed: Sendable, Hashable {
    public static let file = "pools.lua"

    public var asset: String
    public var items: Int64
    /// Minor units.
    public var tickets: Int64

    public init(asset: String, items: Int64, tickets: Int64) {
        self.asset = asset
        self.items = items
        self.tickets = tickets
    }

    /// The `pools` array of `pools.lua` in `directory`, each entry checked, so that `tix rules check`
    /// catches a bad entry before a seed meets it.
    public static func read(directory: URL) throws(LuaError) -> [PoolSeed] {
        let script = try ScriptFile.read(directory.appendingPathComponent(file), name: file)
        let sandbox = try LuaSandbox()
        try sandbox.load(script)
        let entries: [LuaValue]
        switch try sandbox.global(file, "pools") {
        case .array(let items): entries = items
        case .table([:]): entries = []
        default: throw problem("define `pools` as an array of { asset = \"ore\", items = ..., tickets = ... }")
        }
        var seeds: [PoolSeed] = []
        for (index, entry) in entries.enumerated() {
            let seed = PoolSeed(
                asset: entry["asset"].stringValue ?? "", items: entry["items"].integerValue ?? 0,
                tickets: entry["tickets"].integerValue ?? 0)
            let place = "pools[\(index + 1)]"
            guard Asset.isValidCode(seed.asset), Account.isValidName(Account.pool(of: seed.asset)) else {
                throw problem("\(place): asset must be a code of lower-case letters, digits or _")
            }
            guard seed.items > 0, seed.tickets > 0 else {
                throw problem("\(place) (\(seed.asset)): items and tickets must be integers above zero")
            }
            guard !seeds.contains(where: { $0.asset == seed.asset }) else {
                throw problem("\(place): \(seed.asset) already has a pool above")
            }
            seeds.append(seed)
        }
        return seeds
    }

    private static func problem(_ message: String) -> LuaError {
        LuaError(kind: .contract, file: file, message: message)
    }
}

extension Engine {
    /// Defines each seed's raw material and opens its pool, skipping what exists, so running it again
    /// changes nothing; fixed keys (`seed-asset-ore`, `seed-pool-ore`) make a retried command apply once.
    /// Returns the receipts of what it applied.
    public func seedPools(_ seeds: [PoolSeed]) async throws -> [Receipt] {
        var receipts: [Receipt] = []
        for seed in seeds {
            if try reader.asset(code: seed.asset) == nil {
                receipts.append(try await submit(Submission(
                    actor: Submission.admin, key: "seed-asset-\(seed.asset)",
                    command: .defineAsset(Asset(code: seed.asset, kind: .raw, scale: 0)))))
            }
            if try reader.pool(of: seed.asset) == nil {
                receipts.append(try await submit(Submission(
                    actor: Submission.admin, key: "seed-pool-\(seed.asset)",
                    command: .createPool(asset: seed.asset, items: seed.items, tickets: seed.tickets))))
            }
        }
        return receipts
    }
}
