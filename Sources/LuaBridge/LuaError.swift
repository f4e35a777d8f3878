/// A failure while loading or calling a script, located in the script's source when Lua
/// reported a position. Renders as `fees.lua:12: message` (or `fees.lua: message`).
public struct LuaError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The source does not compile.
        case syntax
        /// The script raised an error (including `error(...)` and type errors).
        case runtime
        /// The call ran out of its instruction budget.
        case budgetExceeded
        /// An allocation was refused by the memory or string-length cap.
        case memoryExceeded
        /// Values crossing the boundary have the wrong shape or type.
        case contract
        /// The script or function named by the caller does not exist.
        case notFound
        /// A script file could not be read.
        case io
        /// The call ran past its wall-clock deadline; not deterministic, so never journaled.
        case deadlineExceeded
    }

    public let kind: Kind
    /// Script name as loaded, e.g. "fees.lua".
    public let file: String
    public let line: Int?
    public let message: String

    public init(kind: Kind, file: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }

    /// Splits Lua's "fees.lua:12: text" into line and text when the prefix names `file`;
    /// messages located elsewhere (e.g. in a chunk built with `load`) are kept whole.
    init(kind: Kind, file: String, luaMessage: String) {
        var line: Int?
        var text = luaMessage
        if luaMessage.hasPrefix(file + ":") {
            let rest = luaMessage.dropFirst(file.count + 1)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let after = rest.dropFirst(digits.count)
            if let number = Int(digits), after.hasPrefix(": ") {
                line = number
                text = String(after.dropFirst(2))
            }
        }
        self.init(kind: kind, file: file, line: line, message: text)
    }
}
