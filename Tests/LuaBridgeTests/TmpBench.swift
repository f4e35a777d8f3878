import Testing
import LuaBridge

@Test func tmpBench() throws {
    for _ in 0..<3 {
        let r = try RuleCallBenchmark.run(iterations: 300_000)
        print("BENCH bridged=\(Int(r.bridgedCallsPerSecond)) bare=\(Int(r.bareCallsPerSecond)) ratio=\(r.bridgedCallsPerSecond / r.bareCallsPerSecond)")
    }
}
