import Foundation

@_exported import struct Engine.SplitMix64

/// The seed of a randomized test: `TIX_TEST_SEED` when set (to replay a failing run), else a fresh one.
/// Printed, so a failing run names the seed that replays it.
public func testSeed(_ test: String = #function) -> UInt64 {
    let seed = ProcessInfo.processInfo.environment["TIX_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
    print("\(test): TIX_TEST_SEED=\(seed) replays this run's random choices")
    return seed
}
