import Crypto
import Engine
import Foundation

/// The `Tix-Signature` header: `t=TIMESTAMP,v1=HEX`, where TIMESTAMP is Unix seconds and HEX is
/// HMAC-SHA256 of `TIMESTAMP.BODY` under the endpoint's secret (the Stripe / Standard Webhooks scheme).
/// Signing the timestamp with the body lets a receiver refuse a replayed old request.
public enum WebhookSignature {
    public static let header = "Tix-Signature"
    /// How old a timestamp a receiver accepts: five minutes.
    public static let tolerance: Int64 = 300

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The header is not `t=…,v1=…`.
        case malformed
        /// The timestamp is further than the tolerance from now: a replayed (or badly delayed) request.
        case stale(age: Int64)
        /// No `v1` matches: a wrong secret or a body changed on the way.
        case mismatch

        public var description: String {
            switch self {
            case .malformed: "the Tix-Signature header is not t=TIMESTAMP,v1=HEX"
            case .stale(let age): "the signature is \(age) s from now, more than \(WebhookSignature.tolerance) s"
            case .mismatch: "the signature does not match the body"
            }
        }
    }

    /// The header value for `body` sent at `timestamp` (Unix seconds).
    public static func sign(_ body: Data, secret: String, timestamp: Int64) -> String {
        "t=\(timestamp),v1=" + Array(mac(body, secret: secret, timestamp: timestamp)).hex
    }

    /// Checks a received request, as a receiver must before trusting it: the header's form, then the
    /// timestamp's age against `now` (Unix seconds), then the MAC in constant time. Any `v1` may match,
    /// so a sender may sign with an old and a new secret while one is rotated.
    public static func verify(_ header: String, body: Data, secret: String, now: Int64, tolerance: Int64 = tolerance) throws {
        var timestamp: Int64?
        var candidates: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { throw Failure.malformed }
            switch pair[0] {
            case "t": timestamp = Int64(pair[1])
            case "v1": candidates.append(try bytes(hex: pair[1]))
            default: continue  // a scheme this verifier does not know
            }
        }
        guard let timestamp, !candidates.isEmpty else { throw Failure.malformed }
        let age = now - timestamp
        guard abs(age) <= tolerance else { throw Failure.stale(age: age) }
        let key = SymmetricKey(data: Data(secret.utf8))
        let signed = Data("\(timestamp).".utf8) + body
        guard candidates.contains(where: { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: signed, using: key) }) else {
            throw Failure.mismatch
        }
    }

    private static func mac(_ body: Data, secret: String, timestamp: Int64) -> HashedAuthenticationCode<SHA256> {
        HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).".utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
    }

    private static func bytes(hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { throw Failure.malformed }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { throw Failure.malformed }
            return byte
        }
    }
}
