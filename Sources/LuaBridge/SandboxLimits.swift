/// Resource caps of a sandbox. The defaults leave room for rules that loop over a few
/// thousand items while keeping a runaway call to a few milliseconds.
public struct SandboxLimits: Sendable, Hashable {
    /// VM instructions per top-level call (load or call). Work done inside C functions
    /// (pattern matching, sorting, table.concat) is charged too. A script that cannot loop is
    /// charged per function call instead, its longest function's length, a bound that needs no trap
    /// at every instruction (`tix_call_charge`). Either count is a function of the script and its
    /// arguments alone, so a replay counts exactly what the live call did.
    public var instructions: Int64
    /// Bytes the whole Lua state may hold (all scripts of the sandbox together).
    public var memoryBytes: Int
    /// Bytes one call may allocate in all, whatever it frees again. Counting every allocation
    /// instead of the state's size keeps the limit independent of the garbage earlier calls
    /// left and of when the collector ran. It also bounds work the instruction count cannot
    /// see, such as building large strings one instruction at a time.
    public var allocationBytes: Int
    /// Longest string a script may create. Bounds the C-side work of one instruction,
    /// such as comparing two long strings, which the instruction count cannot see.
    public var maxStringLength: Int
    /// Wall-clock time one call may hold the writer; nil for no limit. Checked by the count
    /// hook and inside the sandbox's own C loops, so work the instruction count cannot see
    /// (comparing long strings, sorting them) is stopped too.
    public var deadline: Duration?

    /// 50 ms. The shipped rules answer in microseconds and the whole instruction budget is a few
    /// ms of plain VM work, but the deadline counts wall-clock time, including time the writer
    /// thread waits for a CPU: on a shared 2-core machine it loses whole scheduler slices (a few
    /// ms each) to busy neighbours, and under the test suite's load even tiny loads took over
    /// 20 ms. 50 ms keeps such spurious refusals rare, while C-side work beyond the budget's
    /// reach (which could run for seconds) holds the single writer for at most this long.
    public static let defaultDeadline: Duration = .milliseconds(50)

    public init(
        instructions: Int64 = 2_000_000, memoryBytes: Int = 32 << 20, allocationBytes: Int = 32 << 20,
        maxStringLength: Int = 64 << 10, deadline: Duration? = SandboxLimits.defaultDeadline
    ) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.allocationBytes = allocationBytes
        self.maxStringLength = maxStringLength
        self.deadline = deadline
    }

    /// These limits without the deadline, for verdicts that must not depend on how busy the
    /// machine is (`tix rules check`, a file's examples).
    public var untimed: SandboxLimits {
        var limits = self
        limits.deadline = nil
        return limits
    }

    /// The limits a replay (`tix verify`) runs with: a command accepted live must replay, on
    /// any machine. The instruction budget and string cap stay identical: they depend only on
    /// the script and its arguments. The deadline is dropped, because the verifying machine
    /// may be slower. Memory is relaxed: the live state may have spared a call allocations
    /// (strings interned by earlier calls, a stack already grown), at most what it held, so
    /// the call's allocation budget grows by twice the state cap (that reuse, plus the string
    /// table's growth) and the state cap by one call's allocation, since the replay loads
    /// different script versions side by side than the live engine did.
    public var replay: SandboxLimits {
        var limits = untimed
        limits.allocationBytes = allocationBytes + 2 * memoryBytes
        limits.memoryBytes = 2 * memoryBytes + allocationBytes
        return limits
    }
}
