import LuaBridge

/// The questions the ledger asks each rule file, asked once with typical figures by `tix rules check`:
/// a rule that errors, runs out of budget or answers out of range is caught by the check, not by the
/// first transfer after it goes live. A file's own examples are the
/// designer's checks; these are the engine's, and hold for files without examples too.
public enum RuleSmoke {
    /// Why `file` (named as in `rules/`, e.g. `fees.lua`) cannot answer the ledger's typical questions;
    /// empty when it can, or when the ledger asks it nothing.
    public static func problems(with file: ScriptFile) -> [String] {
        guard let calls = questions[file.name] else { return [] }
        let rules: RuleSet
        do {
            // Untimed like every load: a check's verdict must not depend on how busy the machine is.
            rules = try RuleSet(limits: SandboxLimits().untimed)
            try rules.install(file)
        } catch {
            return ["\(file.name): \(error)"]
        }
        rules.begin(seq: 1, actor: Submission.admin, key: "smoke")
        return calls.compactMap { ask in
            do {
                try ask(rules)
                return nil
            } catch Rejection.ruleFailed(let message) {
                return "\(message) (on a typical call)"
            } catch {
                return nil  // A refusal in the rule's own terms ("rewards are off", "not yet") is an answer.
            }
        }
    }

    /// A player's first claim of the day, in 2024 (day 20,000 of the epoch).
    private static var firstClaim: RewardFacts {
        RewardFacts(now: 20_000 * 86_400_000, last: 0, streak: 0, claimsToday: 0, amountToday: 0, dayEnds: 20_001 * 86_400_000)
    }

    /// One typical call of each function the ledger may call in each file.
    private static let questions: [String: [@Sendable (RuleSet) throws -> Void]] = [
        "fees.lua": [
            { _ = try $0.transferFee(amount: 10_000, asset: Asset.ticket.code, from: ("alice", .player), to: ("bob", .player)) },
            { _ = try $0.transferFee(amount: 1, asset: "ore", from: ("alice", .player), to: ("guild", .org)) },
        ],
        "sinks.lua": [{ _ = try $0.split(fee: 50, asset: Asset.ticket.code, source: "transfer") }],
        "market.lua": [{ _ = try $0.marketFee(asset: "iron_ingot", quantity: 2, price: 150, total: 300) }],
        "amm.lua": [
            { _ = try $0.swapFee(Swap(account: "alice", asset: "ore", side: .buy, exact: .input, amount: 10_000, limit: 1)) },
            { _ = try $0.swapFee(Swap(account: "alice", asset: "ore", side: .sell, exact: .input, amount: 5, limit: 1)) },
        ],
        "production.lua": [
            { _ = try $0.buildCost(factoriesOwned: 0) },
            { _ = try $0.fitCost(component: "forge", fitted: 0) },
            { _ = try $0.modifiers(components: ["forge": 1]) },
            { _ = try $0.cancelFee(recipe: "iron_ingot", inputs: [ItemAmount(asset: "ore", amount: 2)]) },
        ],
        "parliament.lua": [
            { _ = try $0.proposalTerms(.init(recipe: "gear", inventor: "alice", replaces: false, open: 0)) },
            { _ = try $0.voteChanges(.init(recipe: "gear", inventor: "alice", replaces: false, open: 0)) },
            { _ = try $0.quorum(.init(yes: 6, no: 3, abstain: 1, eligible: 40)) },
            { _ = try $0.passes(.init(yes: 6, no: 3, abstain: 1, eligible: 40)) },
        ],
        "eligibility.lua": [
            {
                _ = try $0.mayVote(VoterFacts(
                    kind: .player, ageDays: 30, payments: 5, spent: 5000, balance: 2000,
                    activity: InviteFacts(invitee: "alice", daysActive: 3, crafts: 2, feesPaid: 50), singleSource: false))
            },
        ],
        "patents.lua": [
            { _ = try $0.patentTerm(recipe: "gear", inventor: "alice") },
            { _ = try $0.royaltySinkShare(recipe: "gear", royalty: 250, holder: "alice", crafter: "bob") },
        ],
        "rewards.lua": [
            { _ = try $0.reward(.daily, facts: firstClaim) },
            { _ = try $0.reward(.tap, facts: firstClaim) },
            { _ = try $0.reward(.starter, facts: firstClaim) },
            { _ = try $0.inviteReward(InviteFacts(invitee: "bob", daysActive: 1, crafts: 0, feesPaid: 0)) },
        ],
    ]
}
