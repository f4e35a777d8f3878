/// Pool accounts: each pool's reserves are the balances of a system account named `pool.<asset>`.
/// The prefix is kept for the AMM, so no other command may open or move such an account.
extension Account {
    static let poolPrefix = "pool."

    /// The account holding the reserves of `asset`'s pool.
    public static func pool(of asset: String) -> String { poolPrefix + asset }

    static func isPool(_ name: String) -> Bool { name.hasPrefix(poolPrefix) }
}
