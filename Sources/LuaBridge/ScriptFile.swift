import Crypto
import Foundation

/// A rule script as found on disk: its name relative to the rules directory, its source,
/// and the SHA-256 of the source bytes, which identifies the rule version.
public struct ScriptFile: Sendable, Hashable {
    public let name: String
    public let source: String
    public let sha256: String

    public init(name: String, source: String) {
        self.name = name
        self.source = source
        self.sha256 = Self.sha256Hex(of: source)
    }

    public static func sha256Hex(of source: String) -> String {
        SHA256.hash(data: Data(source.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Reads a UTF-8 script file.
    public static func read(_ url: URL, name: String) throws(LuaError) -> ScriptFile {
        do {
            return ScriptFile(name: name, source: try String(contentsOf: url, encoding: .utf8))
        } catch {
            throw LuaError(kind: .io, file: name, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    /// Every `*.lua` file directly inside `directory`, sorted by name.
    public static func all(in directory: URL) throws(LuaError) -> [ScriptFile] {
        try scriptURLs(in: directory).map { url throws(LuaError) in try read(url, name: url.lastPathComponent) }
    }

    static let listedKeys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey]

    static func scriptURLs(in directory: URL) throws(LuaError) -> [URL] {
        let urls: [URL]
        do {
            urls = try FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: listedKeys, options: [.skipsHiddenFiles])
        } catch {
            throw LuaError(kind: .io, file: directory.path, message: "cannot list directory: \(error.localizedDescription)")
        }
        return urls
            .filter { url in
                url.pathExtension == "lua" && (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
