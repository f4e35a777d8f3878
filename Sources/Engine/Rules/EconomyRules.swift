import LuaBridge

/// The questions the ledger asks `rules/`, with the engine's own checks on the answers. Each rule's
/// inputs and outputs are documented for designers in `rules/README.md`.
extension RuleSet {
    /// `fees.lua` `fee(t)`: what the sender pays on top of a transfer. No file, no fee.
    func transferFee(amount: Int64, asset: String, from: (name: String, kind: Account.Kind), to: (name: String, kind: Account.Kind)) throws -> Int64 {
        let values: [LuaValue] = [
            .integer(amount), .string(asset), .string(from.name), .string(to.name),
            .string(from.kind.rawValue), .string(to.kind.rawValue),
        ]
        guard let result = try call("fees.lua", "fee", .transfer, values) else { return 0 }
        let fee = try checked { try result.int() }
        guard fee >= 0 else { throw Rejection.ruleFailed("fees.lua: fee() returned \(fee), a fee cannot be negative") }
        return fee
    }

    /// `sinks.lua` `split(f)`: how much of a fee burns and how much goes to the treasury. No file: all burns.
    func split(fee: Int64, asset: String, source: String) throws -> (burn: Int64, treasury: Int64) {
        guard let result = try call("sinks.lua", "split", .fee, [.integer(fee), .string(asset), .string(source)]) else {
            return (fee, 0)
        }
        let (burn, treasury) = try checked { (try result.int("burn"), try result.int("treasury")) }
        let (sum, overflow) = burn.addingReportingOverflow(treasury)
        guard burn >= 0, treasury >= 0, !overflow, sum == fee else {
            throw Rejection.ruleFailed(
                "sinks.lua: split() must return burn + treasury = \(fee), both at least 0 (got \(burn) + \(treasury))")
        }
        return (burn, treasury)
    }

    /// `market.lua` `fee(t)`: what the seller pays out of one fill's proceeds. No file, no fee.
    func marketFee(asset: String, quantity: Int64, price: Int64, total: Int64) throws -> Int64 {
        let values: [LuaValue] = [.string(asset), .integer(quantity), .integer(price), .integer(total)]
        guard let result = try call("market.lua", "fee", .trade, values) else { return 0 }
        let fee = try checked { try result.int() }
        guard (0...total).contains(fee) else {
            throw Rejection.ruleFailed("market.lua: fee() returned \(fee); it must be between 0 and the trade's \(total)")
        }
        return fee
    }

    /// `production.lua` `build_cost(f)`: tickets for another factory. No file: free.
    func buildCost(factoriesOwned: Int64) throws -> Int64 {
        guard let result = try call("production.lua", "build_cost", .factories, [.integer(factoriesOwned)]) else { return 0 }
        return try nonNegative(try checked { try result.int() }, "production.lua: build_cost()")
    }

    /// `production.lua` `fit_cost(c)`: tickets to fit one more of a component. No file: free.
    func fitCost(component: String, fitted: Int64) throws -> Int64 {
        guard let result = try call("production.lua", "fit_cost", .fitting, [.string(component), .integer(fitted)]) else {
            return 0
        }
        return try nonNegative(try checked { try result.int() }, "production.lua: fit_cost()")
    }

    /// The most crafts a factory may run at once: far more than any design needs (benchmarks use it all).
    static let maxSlots: Int64 = 1_000_000

    /// `production.lua` `modifiers(f)`: how many crafts a factory runs at once and how fast, from its
    /// fitted components. No file: one slot at normal speed.
    func modifiers(components: [String: Int64]) throws -> (slots: Int64, speedPercent: Int64) {
        let fitted = LuaValue.table(components.mapValues { .integer($0) })
        guard let result = try call("production.lua", "modifiers", .components, [fitted]) else { return (1, 100) }
        let (slots, speed) = try checked { (try result.int("slots"), try result.int("speed_pct")) }
        guard (1...Self.maxSlots).contains(slots), (1...10_000).contains(speed) else {
            throw Rejection.ruleFailed(
                "production.lua: modifiers() returned slots = \(slots), speed_pct = \(speed); "
                    + "slots must be 1 to \(Self.maxSlots) and speed_pct 1 to 10000")
        }
        return (slots, speed)
    }

    /// The recipe `script` (by default `recipes/<id>.lua`) declares, with the version it was read from;
    /// nil when there is none.
    func recipe(_ id: String, script: String? = nil) throws -> (Recipe, String)? {
        let script = script ?? Recipe.script(id)
        guard Asset.isValidCode(id), let (table, version) = try global(script, "recipe") else { return nil }
        do {
            return (
                try Recipe(id: id, table: table, variableYield: defines(script, function: "yield"), source: files[script]?.source),
                version
            )
        } catch {
            throw Rejection.ruleFailed(error.description)
        }
    }

    /// A variable-yield recipe's `yield(c)`: the outputs of this craft.
    func yield(_ recipe: Recipe, script: String, factory: Int64, account: String) throws -> [ItemAmount] {
        let values: [LuaValue] = [.string(recipe.id), .integer(factory), .string(account)]
        guard let result = try call(script, "yield", .craft, values) else { throw Rejection.unknownRecipe(recipe.id) }
        let file = RecipeFile(name: script, line: definitionLine(script, "yield"))
        do throws(RecipeError) {
            let outputs = try Recipe.items(result.value, "yield()", file)
            guard !outputs.isEmpty else { throw file.error("yield() must return at least one item") }
            return outputs
        } catch {
            throw Rejection.ruleFailed(error.description)
        }
    }

    /// `production.lua` `cancel_fee(c)`: the items, out of a cancelled craft's inputs, that burn. Without
    /// the function, 10 % of each input rounded up, so a cancel always costs something.
    func cancelFee(recipe: String, inputs: [ItemAmount]) throws -> [String: Int64] {
        let table = LuaValue.table(Dictionary(uniqueKeysWithValues: inputs.map { ($0.asset, .integer($0.amount)) }))
        guard let result = try call("production.lua", "cancel_fee", .cancel, [.string(recipe), table]) else {
            return Dictionary(uniqueKeysWithValues: inputs.map { ($0.asset, $0.amount / 10 + ($0.amount % 10 == 0 ? 0 : 1)) })
        }
        let fields: [String: LuaValue]
        switch result.value {
        case .table(let table): fields = table
        case .array(let array) where array.isEmpty: fields = [:]
        default: throw Rejection.ruleFailed("production.lua: cancel_fee() must return a table of item = quantity")
        }
        let held = Dictionary(uniqueKeysWithValues: inputs.map { ($0.asset, $0.amount) })
        var fee: [String: Int64] = [:]
        for (item, value) in fields {
            guard let quantity = value.integerValue, let input = held[item], (0...input).contains(quantity) else {
                throw Rejection.ruleFailed(
                    "production.lua: cancel_fee() returned \(item) = \(value); each must be one of the craft's inputs, from 0 to its quantity")
            }
            fee[item] = quantity
        }
        return fee
    }

    private func nonNegative(_ value: Int64, _ what: String) throws -> Int64 {
        guard value >= 0 else { throw Rejection.ruleFailed("\(what) returned \(value); it cannot be negative") }
        return value
    }

    /// `rewards.lua` `daily(c)`, `tap(c)` or `starter(c)`: one claim's amount, the new streak and the wait.
    func reward(_ kind: RewardKind, facts: RewardFacts) throws -> RewardDecision {
        let values: [LuaValue] = [
            .integer(facts.now), .integer(facts.last), .integer(facts.streak), .integer(facts.claimsToday),
            .integer(facts.amountToday), .integer(facts.dayEnds),
        ]
        guard let result = try call("rewards.lua", kind.rawValue, .claim, values) else { throw Rejection.rewardsOff }
        let decision = try checked {
            RewardDecision(
                amount: try result.int("amount"), streak: try result.int("streak"), wait: try result.int("wait"),
                capped: try result.field("capped") == .bool(true))
        }
        guard decision.amount >= 0, decision.streak >= 0, decision.wait >= 0 else {
            throw Rejection.ruleFailed("rewards.lua: \(kind.rawValue)() returned a negative amount, streak or wait")
        }
        return decision
    }

    /// `rewards.lua` `invite(c)`: what the inviter of an active player earns, or what the invitee still
    /// has to do, in words. Without the function, invite rewards are switched off.
    func inviteReward(_ facts: InviteFacts) throws -> (amount: Int64, missing: String?) {
        let values: [LuaValue] = [
            .string(facts.invitee), .integer(facts.daysActive), .integer(facts.crafts), .integer(facts.feesPaid),
        ]
        guard let result = try call("rewards.lua", "invite", .invite, values) else { throw Rejection.rewardsOff }
        let (amount, missing) = try checked { (try result.int("amount"), try result.field("missing").stringValue) }
        guard amount >= 0 else { throw Rejection.ruleFailed("rewards.lua: invite() returned a negative amount") }
        guard amount > 0 else {
            guard let missing, !missing.isEmpty, missing.utf8.count <= Ledger.maxMemoLength, PlainText.isPlain(missing) else {
                throw Rejection.ruleFailed(
                    "rewards.lua: invite() returned amount 0 without `missing`, one line of at most \(Ledger.maxMemoLength) bytes saying what is missing")
            }
            return (0, missing)
        }
        return (amount, nil)
    }

    /// `amm.lua` `fee_bp(s)`: the AMM's fee on a swap's input, in basis points. No file, no fee.
    func swapFee(_ swap: Swap) throws -> Int64 {
        let values: [LuaValue] = [
            .string(swap.asset), .string(swap.side.rawValue), .string(swap.exact.rawValue), .integer(swap.amount),
        ]
        guard let result = try call("amm.lua", "fee_bp", .swap, values) else { return 0 }
        let bp = try checked { try result.int() }
        guard (0..<ConstantProduct.basisPoints).contains(bp) else {
            throw Rejection.ruleFailed("amm.lua: fee_bp() returned \(bp), a fee rate is 0 to 9999 basis points")
        }
        return bp
    }

    /// A rule's answer of the wrong shape refuses the command in the rule's own words.
    func checked<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as LuaError { throw Rejection.ruleFailed(error.description) }
    }
}

/// The faucets of `rules/rewards.lua`.
public enum RewardKind: String, Codable, Sendable, CaseIterable {
    /// Once a day, with a streak bonus.
    case daily = "daily"
    /// The casual player's one-tap reward, every few seconds, diminishing and capped per journal day.
    case tap = "tap"
    /// A newcomer's first tickets, enough to craft in the first session; once per account, ever.
    case starter = "starter"
    /// Paid to an inviter for each invited player who has become active; once per invitee.
    case invite = "invite"

    /// Kinds the engine pays at most once per account, whatever the rule says.
    var isOnce: Bool { self == .starter }
}

/// What `rewards.lua` decided for one claim.
struct RewardDecision {
    /// Minor units to pay; zero means "not yet".
    var amount: Int64
    var streak: Int64
    /// Milliseconds until the next claim may pay.
    var wait: Int64
    /// The day's allowance of this kind is spent: `wait` is until it refills.
    var capped: Bool
}

/// What the ledger tells `rewards.lua` about one claim, all read from the ledger itself.
struct RewardFacts {
    var now: Int64
    var last: Int64
    var streak: Int64
    /// Paid claims of this kind in the current journal day (UTC) and what they paid.
    var claimsToday: Int64
    var amountToday: Int64
    /// When the current journal day ends.
    var dayEnds: Int64
}

/// What the ledger tells `rewards.lua` `invite(c)` about an invited player.
struct InviteFacts {
    var invitee: String
    /// Journal days on which the invitee claimed any reward.
    var daysActive: Int64
    /// The invitee's completed crafts.
    var crafts: Int64
    /// Ticket minor units the invitee paid to the sink and the treasury.
    var feesPaid: Int64
}
