import Testing
import LuaBridge

@Test func tmpBench() throws {
    for _ in 0..<3 {
    let r = try RuleCallBenchmark.run(iterations: 2_000_000)
    print("BENCH ratio \(r.bridgedCallsPerSecond / r.bareCallsPerSecond) bare \(1e9 / r.bareCallsPerSecond)ns bridged \(1e9 / r.bridgedCallsPerSecond)ns")
    }
}
