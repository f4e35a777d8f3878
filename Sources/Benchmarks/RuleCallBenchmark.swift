import CLua
import LuaBridge
import LuaShim

/// Compares a full bridged rule call (script lookup, budget hook, the context table
/// filled from Swift values, typed result) with a bare `lua_pcall` of the same function in a
/// plain Lua state (no sandbox, no hook, context table built once), in the same run.
public enum RuleCallBenchmark {
    public static let feeRule = """
        function fee(t)
          if t.amount < 100 then return 0 end
          local f = t.amount * 25 // 10000
          if t.to_kind == "org" then f = f // 2 end
          return math.max(f, 1)
        end
        """

    /// Best rates of each path, and the median of the per-round ratios (bridged rate over bare).
    public struct Figures {
        public let bridgedCallsPerSecond: Double
        public let bareCallsPerSecond: Double
        public let ratio: Double
    }

    public static func run(iterations: Int) throws -> Figures {
        let sandbox = try LuaSandbox()
        try sandbox.load(name: "fee.lua", source: feeRule)
        // The hot path an engine would use: field names interned once, values per call.
        let layout = sandbox.layout(["amount", "asset", "to_kind"])
        let values: [LuaValue] = [125_000, "TIX", "org"]
        let bare = try BareFeeState(source: feeRule)
        defer { bare.close() }

        // Many short rounds, each timing both paths back to back (in alternating order), after one
        // warm-up round: this machine changes speed from second to second, and a ratio taken
        // within a round compares the two paths at the same speed, where best-of-each would pair
        // the bridge's best moment with the baseline's.
        let rounds = 20
        let perRound = max(1, iterations / rounds)
        let clock = ContinuousClock()
        var bridgedBest = Duration.seconds(Int64.max)
        var bareBest = Duration.seconds(Int64.max)
        var ratios: [Double] = []
        var bridgedTotal: Int64 = 0
        var bareTotal: Int64 = 0
        func bridgedRound() throws -> Duration {
            try clock.measure {
                for i in 0..<perRound {
                    bridgedTotal &+= try sandbox.call("fee.lua", "fee", record: layout, values, seed: UInt64(i)).int()
                }
            }
        }
        func bareRound() throws -> Duration {
            try clock.measure {
                for _ in 0..<perRound { bareTotal &+= try bare.call() }
            }
        }
        for round in 0...rounds {
            let bridged: Duration, plain: Duration
            if round.isMultiple(of: 2) {
                bridged = try bridgedRound()
                plain = try bareRound()
            } else {
                plain = try bareRound()
                bridged = try bridgedRound()
            }
            guard round > 0 else { continue }
            bridgedBest = min(bridgedBest, bridged)
            bareBest = min(bareBest, plain)
            ratios.append(seconds(plain) / seconds(bridged))
        }
        guard bridgedTotal == bareTotal else {
            throw LuaError(kind: .contract, file: "fee.lua", message: "bridged and bare results differ")
        }
        ratios.sort()
        return Figures(bridgedCallsPerSecond: Double(perRound) / seconds(bridgedBest),
                       bareCallsPerSecond: Double(perRound) / seconds(bareBest),
                       ratio: (ratios[(rounds - 1) / 2] + ratios[rounds / 2]) / 2)
    }
}

/// The baseline: `fee` in a plain state, called with the raw C API.
private struct BareFeeState {
    let state: OpaquePointer
    let context: Int32

    /// Loads `source` and builds the bridged path's context once: `{amount = 125000, asset = "TIX", to_kind = "org"}`.
    init(source: String) throws {
        guard let state = luaL_newstate() else { throw LuaError(kind: .memoryExceeded, file: "fee.lua", message: "no state") }
        luaL_openlibs(state)
        guard luaL_loadstring(state, source) == LUA_OK, tix_pcall(state, 0, 0) == LUA_OK else {
            lua_close(state)
            throw LuaError(kind: .syntax, file: "fee.lua", message: "baseline does not load")
        }
        lua_createtable(state, 0, 3)
        lua_pushinteger(state, 125_000)
        lua_setfield(state, -2, "amount")
        lua_pushstring(state, "TIX")
        lua_setfield(state, -2, "asset")
        lua_pushstring(state, "org")
        lua_setfield(state, -2, "to_kind")
        self.state = state
        self.context = lua_gettop(state)
    }

    func call() throws -> Int64 {
        lua_getglobal(state, "fee")
        lua_pushvalue(state, context)
        guard tix_pcall(state, 1, 1) == LUA_OK else {
            throw LuaError(kind: .runtime, file: "fee.lua", message: "baseline call failed")
        }
        defer { tix_pop(state, 1) }
        return lua_tointegerx(state, -1, nil)
    }

    func close() { lua_close(state) }
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
