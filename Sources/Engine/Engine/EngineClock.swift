import Foundation
import Synchronization

/// Where the engine's time comes from. Time is an input: the writer stamps each command with it and
/// the journal keeps the stamp, so replays never read a clock.
public protocol EngineClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func now() -> Int64
}

/// The wall clock.
public struct SystemClock: EngineClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// A clock that moves only when told to, so tests can run hours of game time in milliseconds.
public final class ManualClock: EngineClock {
    private let millis: Mutex<Int64>

    public init(_ start: Int64 = 1_700_000_000_000) { millis = Mutex(start) }

    public func now() -> Int64 { millis.withLock { $0 } }

    public func advance(by milliseconds: Int64) { millis.withLock { $0 += milliseconds } }
}
