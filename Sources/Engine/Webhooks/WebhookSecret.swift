import Crypto

/// Signing secrets of webhook endpoints: `whsec_` and 32 random bytes in hex.
public enum WebhookSecret {
    /// A fresh secret for ``WebhookCommand/register(org:url:events:secret:)`` or a rotation. Front ends
    /// call it, never the engine: applying a command stays deterministic.
    public static func generate() -> String {
        "whsec_" + SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }.hex
    }

    /// Secrets the engine accepts: 16 to 128 printable ASCII characters, no spaces.
    static func isValid(_ secret: String) -> Bool {
        (16...128).contains(secret.utf8.count) && secret.utf8.allSatisfy { (0x21...0x7e).contains($0) }
    }
}
