import Crypto

/// Secrets are made and checked here, so the CLI, the API and the tests hash them the same way.
extension ApiKey {
    /// A fresh random secret: 32 bytes as hex, from the system's generator.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hex
    }

    /// The SHA-256 of a secret, hex: what the ledger stores instead of the secret.
    public static func hash(secret: String) -> String {
        Array(SHA256.hash(data: Array(secret.utf8))).hex
    }

    /// Whether `secret` is this key's, compared in time independent of where the hashes differ.
    public func matches(secret: String) -> Bool {
        let given = Array(Self.hash(secret: secret).utf8), stored = Array(secretHash.utf8)
        guard given.count == stored.count else { return false }
        return zip(given, stored).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
