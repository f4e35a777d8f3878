import Foundation

/// Bytes this process has sent to storage so far: Linux's `write_bytes` in `/proc/self/io`, which counts
/// what reaches the disk (the WAL, checkpoints into the database file, fsync'd pages) rather than what
/// was asked of `write`. Nil where the kernel does not account it.
enum StorageWrites {
    static func total() -> Int64? {
        guard let io = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
        return io.split(separator: "\n").first { $0.hasPrefix("write_bytes:") }
            .flatMap { Int64($0.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces)) }
    }
}
