/// Where a call's `math.random` seed comes from when it is worth computing only on demand: the
/// sandbox asks at the script's first draw, and most rule calls never draw. The engine derives
/// its seeds with a SHA-256 of the command, which would otherwise cost more than the call.
public protocol LuaSeedSource: AnyObject {
    /// The seed of the call in progress. Runs inside the call: it must not use the sandbox.
    func luaSeed() -> UInt64
}
