/// Why a recipe file cannot be used: `recipes/widget.lua:4: message`, at the line of the field at fault
/// when it can be found.
public struct RecipeError: Error, CustomStringConvertible, Hashable, Sendable {
    public var file: String
    public var line: Int?
    public var message: String
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// A recipe file as its checks report on it. A `recipe` table is data, so Lua keeps no line for its
/// fields: the line is found in the source instead, or given (a rule function's own line).
struct RecipeFile {
    var name: String
    var source: String?
    var line: Int?

    /// A problem with `recipe.<field...>`, e.g. `["inputs", "ore"]`.
    func error(_ message: String, at field: [String] = []) -> RecipeError {
        RecipeError(file: name, line: source.map { Self.line(of: ["recipe"] + field, in: $0) } ?? line, message: message)
    }

    /// The line of the last key of `path` found, each key looked for as `key =` from the line of the one
    /// before: `inputs`, then `ore` on or after it.
    static func line(of path: [String], in source: String) -> Int? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var found: Int?
        for key in path {
            guard let index = lines[(found ?? 0)...].firstIndex(where: { assigns(key, in: $0) }) else { break }
            found = index
        }
        return found.map { $0 + 1 }
    }

    /// Whether `line` has `key` as a whole name followed by `=` (not `==`).
    private static func assigns(_ key: String, in line: Substring) -> Bool {
        var rest = line[...]
        while let range = rest.range(of: key) {
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let after = line[range.upperBound...].drop { $0 == " " || $0 == "\t" }
            if !(before.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false), after.hasPrefix("="), !after.hasPrefix("==") {
                return true
            }
            rest = line[range.upperBound...]
        }
        return false
    }
}
