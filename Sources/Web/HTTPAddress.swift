/// Where `tix serve` listens for HTTP: `ADDR:PORT`, or `off` for no server at all.
public enum HTTPAddress: Sendable, Hashable, CustomStringConvertible {
    case off
    case listen(host: String, port: Int)

    /// The default: loopback only, so a fresh install exposes nothing to the network.
    public static let standard = HTTPAddress.listen(host: "127.0.0.1", port: 8080)

    /// Reads `off`, `HOST:PORT` or `[IPv6]:PORT`; nil for anything else.
    public init?(_ text: String) {
        if text == "off" {
            self = .off
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self = .listen(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .off: "off"
        case .listen(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
