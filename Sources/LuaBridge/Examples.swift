/// A designer-written example that did not hold: `fees.lua:3: example 2 (fee): expected 10, got 11`.
/// The line is where the called function is defined, or where the call failed.
public struct ExampleFailure: Error, CustomStringConvertible, Sendable, Hashable {
    public let file: String
    public let line: Int?
    /// 1-based position in the script's `examples` array (0 when `examples` itself is malformed).
    public let index: Int
    public let function: String?
    public let expected: LuaValue?
    public let got: LuaValue?
    public let message: String

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        let subject = index == 0 ? "examples" : "example \(index)" + (function.map { " (\($0))" } ?? "")
        return "\(location): \(subject): \(message)"
    }
}

extension LuaSandbox {
    /// Runs the script's `examples`, a global array of
    /// `{ call = "fee", args = { ... }, expect = value, seed = 0 }` (args and seed optional),
    /// comparing each result with `expect` as Lua would (10 == 10.0).
    public func runExamples(script: String) -> [ExampleFailure] {
        func malformed(_ index: Int, _ message: String) -> ExampleFailure {
            ExampleFailure(file: script, line: nil, index: index, function: nil, expected: nil, got: nil, message: message)
        }
        let examples: [LuaValue]
        switch Result(catching: { () throws(LuaError) in try global(script, "examples") }) {
        case .failure(let error): return [malformed(0, error.message)]
        case .success(.nil), .success(.table([:])): return []
        case .success(.array(let items)): examples = items
        case .success(let other): return [malformed(0, "'examples' must be an array of tables, got \(other.typeName)")]
        }
        return examples.enumerated().compactMap { offset, example -> ExampleFailure? in
            let index = offset + 1
            guard case .string(let function) = example["call"] else {
                return malformed(index, "an example needs a string field 'call'")
            }
            let arguments: [LuaValue]
            switch example["args"] {
            case .nil, .table([:]): arguments = []
            case .array(let items): arguments = items
            case let other: return malformed(index, "'args' must be an array, got \(other.typeName)")
            }
            let expected = example["expect"]
            let seed = UInt64(bitPattern: example["seed"].integerValue ?? 0)
            do throws(LuaError) {
                let got = try call(script, function, arguments, seed: seed).value
                if got.luaEquals(expected) { return nil }
                return ExampleFailure(
                    file: script, line: definitionLine(script, function), index: index, function: function,
                    expected: expected, got: got, message: "expected \(expected), got \(got)")
            } catch {
                return ExampleFailure(
                    file: script, line: error.line ?? definitionLine(script, function), index: index,
                    function: function, expected: expected, got: nil, message: "\(error.kind.rawValue): \(error.message)")
            }
        }
    }
}
