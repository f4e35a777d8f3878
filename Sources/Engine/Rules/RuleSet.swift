import Crypto
import Dispatch
import LuaBridge
import Metrics

/// The economy's Lua rules as the state machine consults them: one sandbox, owned by whoever owns
/// the ledger (the writer thread, or a replay).
///
/// While a command is applied the set notes which rule versions it consulted, so the journal can
/// name them and a replay can load exactly those. `math.random` is seeded from the command itself.
final class RuleSet {
    private let sandbox: LuaSandbox
    /// The loaded files by name, whose sources the journal's `rule_versions` table keeps.
    private(set) var files: [String: ScriptFile] = [:]
    /// Name to version (or "-" for absent) of each rule the current command consulted.
    private(set) var consulted: [String: String] = [:]
    /// Versions already stored in `rule_versions` by this owner.
    var stored: Set<String> = []
    private var command: (seq: Int64, actor: String, key: String) = (0, "", "")
    /// Rule calls so far in this command: each gets its own seed, so ten crafts finishing in one
    /// command do not all roll the same dice. Rewound when work rolled back is done over (`runDueJobs`).
    var calls: Int64 = 0

    /// The shapes of the context tables the ledger passes, interned once in the sandbox.
    enum Context: Int, CaseIterable {
        case transfer, fee, claim, trade, factories, fitting, components, craft, swap, cancel, invite
        case proposal, tally, voter, patent, royalty
        case orgCreation, tax, admission

        var fields: [String] {
            switch self {
            case .transfer: ["amount", "asset", "from", "to", "from_kind", "to_kind"]
            case .fee: ["fee", "asset", "source"]
            case .claim: ["now", "last", "streak", "claims_today", "amount_today", "day_ends"]
            case .trade: ["asset", "quantity", "price", "total"]
            case .factories: ["factories"]
            case .fitting: ["component", "fitted"]
            case .components: ["components"]
            case .craft: ["recipe", "factory", "account"]
            case .swap: ["asset", "side", "exact", "amount"]
            case .cancel: ["recipe", "inputs"]
            case .invite: ["invitee", "days_active", "crafts", "fees_paid"]
            case .proposal: ["recipe", "inventor", "replaces", "open"]
            case .tally: ["yes", "no", "abstain", "votes", "eligible"]
            case .voter: VoterFacts.fields
            case .patent: ["recipe", "inventor"]
            case .royalty: ["recipe", "royalty", "holder", "crafter"]
            case .orgCreation: ["kind", "name", "founder"]
            case .tax: ["kind", "amount", "asset", "citizen", "to"]
            case .admission: ["state", "account", "citizens"]
            }
        }
    }
    /// By `Context.rawValue`.
    private let layouts: [LuaRecordLayout]
    /// Each rule file's call durations (`tix_rule_call_duration_seconds{rule=...}`), made at its first call.
    private var timers: [String: Timer] = [:]

    /// The writer's rules run under the default limits; a replay passes `SandboxLimits().replay`.
    init(limits: SandboxLimits = SandboxLimits()) throws {
        let sandbox = try LuaSandbox(limits: limits)
        self.sandbox = sandbox
        layouts = Context.allCases.map { sandbox.layout($0.fields) }
    }

    /// The loaded version of a rule, if any.
    func version(of name: String) -> String? { sandbox.sha256(of: name) }

    /// Loads or replaces a rule; on failure the previous version stays.
    func install(_ file: ScriptFile) throws {
        try sandbox.load(file)
        files[file.name] = file
    }

    func remove(_ name: String) {
        sandbox.unload(name)
        files[name] = nil
    }

    /// Starts applying a command: forget what the previous one consulted.
    func begin(seq: Int64, actor: String, key: String) {
        consulted.removeAll(keepingCapacity: true)
        command = (seq, actor, key)
        calls = 0
    }

    /// The versions consulted since `begin`, canonical: `fees.lua@<sha256>,sinks.lua@-`. Most commands
    /// consult what the previous one did, so the text is rebuilt only when that changes.
    var consultedVersions: String {
        if consulted != rendered.versions {
            rendered = (consulted, consulted.sorted { $0.key < $1.key }.map { "\($0.key)@\($0.value)" }.joined(separator: ","))
        }
        return rendered.text
    }
    private var rendered: (versions: [String: String], text: String) = ([:], "")

    /// Calls a rule function with a context table of the given shape (values in its field order), or
    /// returns nil when the rule file or the function is absent (the caller's default applies). A failing rule refuses the
    /// command with the rule's own `file:line` message.
    func call(_ script: String, _ function: String, _ context: Context, _ values: [LuaValue]) throws -> LuaResult? {
        guard consult(script) != nil else { return nil }
        let layout = layouts[context.rawValue]
        calls += 1
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timer(script).recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        do {
            return try sandbox.call(script, function, record: layout, values, seedFrom: self)
        } catch where error.kind == .notFound {
            return nil  // the file leaves this function out: its default applies
        } catch {
            Counter(label: "tix_rule_failures_total", dimensions: [("rule", script)]).increment()
            throw Rejection.ruleFailed(error.description)
        }
    }

    /// A script's global as a value (a recipe's `recipe` table), noted as consulted like a call.
    func global(_ script: String, _ name: String) throws -> (value: LuaValue, version: String)? {
        guard let version = consult(script) else { return nil }
        do {
            return (try sandbox.global(script, name), version)
        } catch {
            throw Rejection.ruleFailed(error.description)
        }
    }

    private func timer(_ script: String) -> Timer {
        if let timer = timers[script] { return timer }
        let timer = Timer(label: "tix_rule_call_duration_seconds", dimensions: [("rule", script)], preferredDisplayUnit: .seconds)
        timers[script] = timer
        return timer
    }

    /// Notes that the current command consulted `script` and returns its loaded version, if any.
    private func consult(_ script: String) -> String? {
        let version = sandbox.sha256(of: script)
        consulted[script] = version ?? "-"
        return version
    }

    /// Whether a loaded script defines a Lua function called `name`.
    func defines(_ script: String, function name: String) -> Bool {
        definitionLine(script, name) != nil
    }

    /// The line where a loaded script defines the Lua function `name`, if it does.
    func definitionLine(_ script: String, _ name: String) -> Int? {
        sandbox.definitionLine(script, name)
    }
}

extension RuleSet: LuaSeedSource {
    /// Deterministic per command and call, different for every command and call. Asked only when
    /// a rule draws from `math.random` (most never do), during its call.
    func luaSeed() -> UInt64 {
        let digest = SHA256.hash(data: Array("\(command.seq)\u{0}\(command.actor)\u{0}\(command.key)\u{0}\(calls)".utf8))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
