/// Resource caps of a sandbox. The defaults leave room for rules that loop over a few
/// thousand items while keeping a runaway call to tens of milliseconds.
public struct SandboxLimits: Sendable, Hashable {
    /// VM instructions per top-level call (load or call). Work done inside C functions
    /// (pattern matching, sorting, table.concat, large allocations) is charged too.
    public var instructions: Int64
    /// Bytes the whole Lua state may hold (all scripts of the sandbox together).
    public var memoryBytes: Int
    /// Longest string a script may create. Bounds the C-side work of one instruction,
    /// such as comparing two long strings, which the instruction count cannot see.
    public var maxStringLength: Int

    public init(instructions: Int64 = 2_000_000, memoryBytes: Int = 32 << 20, maxStringLength: Int = 64 << 10) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.maxStringLength = maxStringLength
    }
}
