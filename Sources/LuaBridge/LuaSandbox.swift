import CLua
import LuaShim

/// One Lua state holding any number of scripts, each in its own environment, run under an
/// instruction budget, memory caps, a wall-clock deadline and a deterministic `math.random`.
///
/// Not thread-safe: confine a sandbox to one thread, task or actor. It is deliberately not
/// `Sendable`, so the compiler keeps it from being shared.
public final class LuaSandbox {
    public let limits: SandboxLimits
    let state: OpaquePointer
    private var scripts: [String: Script] = [:] {
        didSet { forgetResolved() }
    }
    /// Every function called since the scripts last changed, by registry reference: looked up
    /// by name once, at its first call, not at every call.
    private var functions: [FunctionKey: Callee] = [:]
    /// The most recently called of them: engines call the same few over and over, and comparing
    /// two short strings is cheaper than hashing them. Like `records`, read on every call:
    /// unchecked exclusivity spares a runtime check each time, and is safe because a sandbox is
    /// confined to one thread and Lua never calls back into it.
    @exclusivity(unchecked) private var recent: [(key: FunctionKey, callee: Callee)] = []
    private static let recentCapacity = 8
    /// Per record layout (`LuaRecordLayout.slot`), what it keeps between calls.
    @exclusivity(unchecked) var records: [CachedRecord] = []

    private struct Script {
        /// Registry reference to the script's environment table (its `_ENV`).
        let environment: Int32
        let sha256: String
        /// What each call its functions make is charged (`tix_call_charge`); 0: every instruction counts.
        let callCharge: Int64
    }

    private struct FunctionKey: Hashable {
        let script: String
        let function: String
    }

    /// A script function by registry references to it and to its script's environment, with what
    /// its calls are charged. Plain integers: handing one out per call costs no reference counting.
    struct Callee {
        let reference: Int32
        let environment: Int32
        let callCharge: Int64
    }

    /// What a record layout keeps between calls: its record table (`tix_make_record`), for the
    /// next call by the same script only, so one script never receives a table another script
    /// may have kept.
    struct CachedRecord {
        var table: Int32 = LUA_NOREF
        var environment: Int32 = LUA_NOREF
    }

    public init(limits: SandboxLimits = SandboxLimits()) throws(LuaError) {
        let timeout = limits.deadline.map(Self.nanoseconds) ?? 0  // 0: no deadline
        guard let state = tix_newstate(limits.memoryBytes, limits.maxStringLength, limits.allocationBytes, timeout) else {
            throw LuaError(kind: .memoryExceeded, file: "", message: "cannot create a Lua state within \(limits.memoryBytes) bytes")
        }
        self.limits = limits
        self.state = state
    }

    deinit {
        tix_close(state)
    }

    /// Names of the loaded scripts, sorted.
    public var scriptNames: [String] { scripts.keys.sorted() }

    /// SHA-256 (hex) of the source of the loaded version of `script`, for recording
    /// which rule version produced a result.
    public func sha256(of script: String) -> String? { scripts[script]?.sha256 }

    /// What each call a script's functions make costs its caller's instruction budget, or nil when
    /// every instruction is counted instead (a script that can loop).
    func callCharge(of script: String) -> Int64? {
        scripts[script].flatMap { $0.callCharge > 0 ? $0.callCharge : nil }
    }

    /// Bytes currently held by the Lua state.
    public var memoryUsed: Int { tix_memory_used(state) }

    /// Compiles `source` (text only) in a fresh environment and runs its top-level chunk
    /// under the budget. Replacing a script is atomic: on any failure the previously
    /// loaded version stays in place. Returns the source's SHA-256.
    @discardableResult
    public func load(name: String, source: String, seed: UInt64 = 0) throws(LuaError) -> String {
        try load(ScriptFile(name: name, source: source), seed: seed)
    }

    @discardableResult
    public func load(_ file: ScriptFile, seed: UInt64 = 0) throws(LuaError) -> String {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        guard tix_new_env(state) == LUA_OK else {
            throw LuaError(kind: .memoryExceeded, file: file.name, message: "cannot create the script environment")
        }
        var text = file.source
        var callCharge: Int64 = 0
        let status = text.withUTF8 { bytes in
            tix_load(state, bytes.baseAddress, bytes.count, "=" + file.name, &callCharge)
        }
        guard status == LUA_OK else { throw failure(status: status, file: file.name) }
        // Untimed: whether a version goes live must not depend on how busy the machine is, as
        // a refused reload is not retried; loads are an operator's act, not a player's command.
        try run(file: file.name, arguments: 0, results: 0, callCharge: callCharge, seed: .fixed(seed), timed: false)
        let environment = tix_ref(state)
        if let previous = scripts[file.name] { tix_unref(state, previous.environment) }
        scripts[file.name] = Script(environment: environment, sha256: file.sha256, callCharge: callCharge)
        return file.sha256
    }

    /// Forgets a script; its globals become garbage.
    public func unload(_ script: String) {
        guard let removed = scripts.removeValue(forKey: script) else { return }
        tix_unref(state, removed.environment)
    }

    /// Calls a global function of a script with a fresh instruction budget; `seed` seeds
    /// `math.random` for this call only. Returns the function's first result.
    public func call(_ script: String, _ function: String, _ arguments: [LuaValue] = [], seed: UInt64) throws(LuaError) -> LuaResult {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        let callee = try pushFunction(script, function, arguments: arguments)
        try run(file: script, arguments: Int32(arguments.count), results: 1, callCharge: callee.callCharge, seed: .fixed(seed))
        return LuaResult(value: try result(at: -1, script, function, "result"), script: script, function: function)
    }

    /// Like `call`, but returns every result the function returned.
    public func callReturningAll(_ script: String, _ function: String, _ arguments: [LuaValue] = [], seed: UInt64) throws(LuaError) -> [LuaValue] {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        let callee = try pushFunction(script, function, arguments: arguments)
        let base = lua_gettop(state) - Int32(arguments.count) - 1
        try run(file: script, arguments: Int32(arguments.count), results: LUA_MULTRET, callCharge: callee.callCharge, seed: .fixed(seed))
        var values: [LuaValue] = []
        for index in (base + 1)..<(lua_gettop(state) + 1) {
            values.append(try result(at: index, script, function, "result \(index - base)"))
        }
        return values
    }

    /// A global of a script converted to a value, e.g. its `examples` table.
    public func global(_ script: String, _ name: String) throws(LuaError) -> LuaValue {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        try pushGlobal(script, name)
        return try result(at: -1, script, name, "value")
    }

    /// Line where a script's global function is defined, if it is a Lua function.
    public func definitionLine(_ script: String, _ function: String) -> Int? {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        guard (try? pushGlobal(script, function)) != nil else { return nil }
        let line = tix_linedefined(state)
        return line > 0 ? Int(line) : nil
    }

    private func loaded(_ script: String) throws(LuaError) -> Script {
        guard let loaded = scripts[script] else {
            throw LuaError(kind: .notFound, file: script, message: "script is not loaded")
        }
        return loaded
    }

    private func pushGlobal(_ script: String, _ name: String) throws(LuaError) {
        let environment = try loaded(script).environment
        guard lua_checkstack(state, 2) != 0 else {
            throw LuaError(kind: .memoryExceeded, file: script, message: "Lua stack exhausted")
        }
        tix_push_ref(state, environment)
        LuaStack(state: state).pushString(name)
        lua_rawget(state, -2)
    }

    /// The function a script's global `function` holds at its first call since the script was
    /// loaded. Rules define their functions when they load; one that reassigns such a global
    /// while being called keeps being called as it was at that first call.
    private func resolve(_ script: String, _ function: String) throws(LuaError) -> Callee {
        for index in recent.indices where recent[index].key.script == script && recent[index].key.function == function {
            return recent[index].callee
        }
        let key = FunctionKey(script: script, function: function)
        let entry: Callee
        if let known = functions[key] {
            entry = known
        } else {
            try pushGlobal(script, function)
            let type = lua_type(state, -1)
            guard type == LUA_TFUNCTION else {
                let what = type == LUA_TNIL ? "is not defined" : "is a \(LuaStack(state: state).typeName(type)), not a function"
                throw LuaError(kind: .notFound, file: script, message: "function '\(function)' \(what)")
            }
            let loaded = try loaded(script)
            entry = Callee(reference: tix_ref(state), environment: loaded.environment, callCharge: loaded.callCharge)
            tix_pop(state, 1)  // the environment
            functions[key] = entry
        }
        if recent.count == Self.recentCapacity { recent.removeFirst() }
        recent.append((key, entry))
        return entry
    }

    /// Drops the resolved functions and the kept records, whose scripts may have changed.
    private func forgetResolved() {
        for entry in functions.values { tix_unref(state, entry.reference) }
        functions.removeAll()
        recent.removeAll()
        forgetRecords()
    }

    /// Pushes a script's function and returns it resolved. Callers have made room for it and
    /// restore the stack's top, also on failure.
    func pushFunction(_ script: String, _ function: String) throws(LuaError) -> Callee {
        let resolved = try resolve(script, function)
        tix_push_ref(state, resolved.reference)
        return resolved
    }

    /// Pushes a script's function followed by the arguments, and returns the function resolved.
    func pushFunction(_ script: String, _ function: String, arguments: [LuaValue]) throws(LuaError) -> Callee {
        guard lua_checkstack(state, 1 + Int32(clamping: arguments.count) + LuaStack.slotsPerValue) != 0 else {
            throw LuaError(kind: .contract, file: script, message: "\(function)(): too many arguments")
        }
        let resolved = try pushFunction(script, function)
        let stack = LuaStack(state: state)
        for (index, argument) in arguments.enumerated() {
            do { try stack.push(argument) } catch {
                throw LuaError(kind: .contract, file: script, message: "\(function)(): " + error.under("argument \(index + 1)").message)
            }
        }
        return resolved
    }

    func result(at index: Int32, _ script: String, _ function: String, _ what: String) throws(LuaError) -> LuaValue {
        do { return try LuaStack(state: state).value(at: index) } catch {
            throw LuaError(kind: .contract, file: script, message: "\(function)(): " + error.under(what).message)
        }
    }

    /// A call's `math.random` seed: given, or asked of a source at the script's first draw.
    enum Seed {
        case fixed(UInt64)
        case source(any LuaSeedSource)
    }

    /// Runs the function below `arguments` values on the stack under the sandbox rules, charging
    /// each call `callCharge` (its chunk's, see `tix_call_charge`) or, with 0, each instruction.
    func run(file: String, arguments: Int32, results: Int32, callCharge: Int64, seed: Seed, timed: Bool = true) throws(LuaError) {
        var faults: Int32 = 0
        let status: Int32
        switch seed {
        case .fixed(let value):
            status = withUnsafePointer(to: value) { value in
                tix_call(state, arguments, results, limits.instructions, callCharge, tix_fixed_seed, UnsafeMutableRawPointer(mutating: value),
                         timed ? 1 : 0, &faults)
            }
        case .source(let source):
            status = withUnsafePointer(to: source) { source in
                tix_call(state, arguments, results, limits.instructions, callCharge, { source in
                    source.unsafelyUnwrapped.assumingMemoryBound(to: (any LuaSeedSource).self).pointee.luaSeed()
                }, UnsafeMutableRawPointer(mutating: source), timed ? 1 : 0, &faults)
            }
        }
        if tix_records_touched(state) != 0 { forgetRecords() }
        // A budget, deadline or memory error caught by the script still fails the call: what
        // the script would do after catching one must not reach a result.
        guard status != LUA_OK || faults & (TIX_FAULT_BUDGET | TIX_FAULT_DEADLINE | TIX_FAULT_MEMORY) != 0 else { return }
        let error = failure(status: status, file: file)
        if error.kind == .memoryExceeded { tix_collect(state) }
        throw error
    }

    /// Classifies a failed load or call. The error object is read without calling any
    /// metamethod: a table with __tostring stays "error object is a table value".
    private func failure(status: Int32, file: String) -> LuaError {
        let faults = tix_faults(state)
        let stack = LuaStack(state: state)
        let message: String
        switch status == LUA_OK ? LUA_TNIL : lua_type(state, -1) {
        case LUA_TSTRING: message = stack.string(at: -1)
        case LUA_TNUMBER:
            message = lua_isinteger(state, -1) != 0
                ? String(lua_tointegerx(state, -1, nil)) : String(lua_tonumberx(state, -1, nil))
        case let type: message = "error object is a \(stack.typeName(type)) value"
        }
        let located = LuaError(kind: .runtime, file: file, luaMessage: message)
        // The first limit hit decides: after it every instruction traps as over budget.
        if faults & TIX_FAULT_DEADLINE != 0, let deadline = limits.deadline {
            return LuaError(kind: .deadlineExceeded, file: file, line: located.line,
                            message: "took longer than \(Self.milliseconds(deadline))")
        }
        if faults & TIX_FAULT_MEMORY != 0 {
            let what = faults & TIX_FAULT_ALLOCATION != 0
                ? "allocated more than \(limits.allocationBytes) bytes in one call"
                : "memory limit of \(limits.memoryBytes) bytes exceeded"
            return LuaError(kind: .memoryExceeded, file: file, line: located.line, message: what)
        }
        if faults & TIX_FAULT_BUDGET != 0 {
            return LuaError(kind: .budgetExceeded, file: file, line: located.line,
                            message: "instruction budget of \(limits.instructions) exceeded")
        }
        if status == LUA_ERRMEM || (faults & TIX_FAULT_STRING != 0 && message == "not enough memory") {
            let what = faults & TIX_FAULT_STRING != 0
                ? "string length limit of \(limits.maxStringLength) bytes exceeded"
                : "memory limit of \(limits.memoryBytes) bytes exceeded"
            return LuaError(kind: .memoryExceeded, file: file, line: located.line, message: what)
        }
        let kind: LuaError.Kind = status == LUA_ERRSYNTAX ? .syntax : .runtime
        return LuaError(kind: kind, file: file, line: located.line, message: located.message)
    }

    /// At least 1, so a tiny deadline is not mistaken for none.
    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 1 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : max(1, whole + UInt64(attoseconds / 1_000_000_000))
    }

    /// "5 ms", or "2.5 ms" for a deadline that is not a whole number of milliseconds.
    private static func milliseconds(_ duration: Duration) -> String {
        let microseconds = Double(nanoseconds(duration) / 1000)
        return microseconds.truncatingRemainder(dividingBy: 1000) == 0
            ? "\(Int(microseconds / 1000)) ms" : "\(microseconds / 1000) ms"
    }
}
