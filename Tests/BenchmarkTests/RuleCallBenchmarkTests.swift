import Benchmarks
import Testing

@Suite("Rule-call benchmark")
struct RuleCallBenchmarkTests {
    /// The benchmark throws when the bridged and the bare calls disagree on the fee they compute.
    @Test func bothPathsComputeTheSameFees() throws {
        let result = try RuleCallBenchmark.run(iterations: 2_000)
        #expect(result.bridgedCallsPerSecond > 0)
        #expect(result.bareCallsPerSecond > 0)
        #expect(result.ratio > 0)
    }
}
