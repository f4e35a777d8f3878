import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 keep-alive connection on loopback for the API benchmark: one request at a time,
/// TCP_NODELAY, the response read up to its Content-Length. Foundation's URLSession on Linux spends
/// tens of milliseconds per request on its own, which would measure the client instead of the server.
/// Unchecked: each connection belongs to one benchmark lane, which uses it from one thread.
final class KeepAliveClient: @unchecked Sendable {
    private let socket: Int32
    private var buffer = [UInt8]()

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var on: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BenchmarkFailure("cannot connect to 127.0.0.1:\(port)") }
    }

    deinit { close(socket) }

    /// Sends `request` (a whole HTTP/1.1 message) and returns the response's status code.
    func send(_ request: String) throws -> Int {
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard n > 0 else { throw BenchmarkFailure("the connection closed while sending") }
            sent += n
        }
        while true {
            if let end = headEnd(), let length = contentLength(end) , buffer.count >= end + length {
                let status = Int(String(decoding: buffer[9..<12], as: UTF8.self)) ?? 0
                buffer.removeFirst(end + length)
                return status
            }
            var chunk = [UInt8](repeating: 0, count: 16_384)
            let n = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            guard n > 0 else { throw BenchmarkFailure("the connection closed while receiving") }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Where the body starts, once the head is complete.
    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    private func contentLength(_ headEnd: Int) -> Int? {
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self).lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) else { return nil }
        return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
    }
}
