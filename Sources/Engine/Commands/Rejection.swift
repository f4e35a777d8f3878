/// Why a command was refused. A refused command changes nothing; its text is written for players.
public enum Rejection: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownAccount(String)
    case unknownAsset(String)
    case accountExists(String)
    case assetExists(String)
    case invalidAccountName(String)
    case invalidAssetCode(String)
    case invalidScale(Int)
    case nonPositiveAmount
    case insufficientFunds(account: String, has: String, needs: String)
    case sameAccount
    case notPermitted(actor: String, action: String)
    case sinkIsFinal
    case balanceOverflow(account: String)
    case memoTooLong(limit: Int)
    case invalidKey
    case emptyPosting
    case tooManyLegs(limit: Int)
    case keyReused(String)
    case invalidAmount(text: String, asset: String, scale: Int, problem: Amount.Problem)
    case ruleFailed(String)
    case rewardsOff
    case rewardNotReady(kind: RewardKind, waitMillis: Int64)
    case notTradable(String)
    case expiryInPast
    case orderTooLarge
    case selfTrade
    case unknownOrder(Int64)
    case notYourOrder(Int64)
    case orderClosed(Int64, String)
    case nothingDue
    case invalidFactoryName
    case unknownFactory(Int64)
    case notYourFactory(Int64)
    case notAComponent(String)
    case unknownRecipe(String)
    case missingComponent(component: String, factory: Int64)
    case factoryBusy(factory: Int64, slots: Int64)
    case unknownJob(Int64)
    case notYourJob(Int64)
    case poolAccount(String)
    case notRawMaterial(String)
    case noPool(String)
    case poolExists(String)
    case poolTooShallow(holds: String)
    case slippage(exact: Swap.Exact, quoted: String, limit: String)
    case swapTooLarge
    case controlCharacter(in: String)
    case craftTooLong(recipe: String, days: Int64, limitDays: Int64)
    case cannotAfford(account: String, asset: String)
    case rewardCapped(kind: RewardKind, refillMillis: Int64)
    case rewardClaimedOnce(kind: RewardKind)
    case selfInvite
    case invitesArePlayers
    case inviterNamed(account: String, inviter: String)
    case noInvitees
    case inviteNotDue(String)
    case brokenProposal(String)
    case invalidTitle(limit: Int)
    case proposalLimit(limit: Int64)
    case unknownProposal(Int64)
    case votersArePlayers
    case notVoting(Int64, String)
    case notEligible(Int64, String)
    case alreadyVoted(Int64, String)
    case vetoNeedsReason(limit: Int)
    case notInVetoWindow(Int64, String)
    case notCancelable(Int64, String)
    case recipePatented(String)
    case unknownPatent(String)
    case patentExpired(String)
    case notPatentHolder(recipe: String, account: String)
    case invalidLicense
    case unlicensed(recipe: String, holder: String)
    case unknownOrg(String)
    case orgDissolved(String)
    case notAMember(org: String, account: String)
    case lacksPermission(member: String, org: String, role: String, permission: OrgPermission)
    case overDailyCap(member: String, org: String, cap: Int64, spent: Int64)
    case notInvited(org: String, account: String)
    case alreadyMember(org: String, account: String)
    case alreadyCitizen(account: String, state: String)
    case admissionRefused(state: String, reason: String)
    case unknownRole(org: String, role: String)
    case invalidRoleName(String)
    case topRoleStays(org: String, role: String)
    case wrongOrgKind(org: String, needs: Org.Kind)
    case invalidTaxRule(String)
    case invalidLine(String)
    case unknownLine(Int64)
    case orgBusy(org: String, reason: String)
    case notOffered(org: String, recipe: String)
    case unknownApiKey
    case apiKeyRevoked(Int64)
    case apiKeyExpired(Int64)
    case missingScope(ApiScope)
    case overRequestCap(cap: Int64)
    case overKeyDailyCap(cap: Int64, spent: Int64)
    case noAllowance(player: String, org: String)
    case overAllowance(player: String, org: String, daily: Int64, spent: Int64)
    case unknownLinkCode
    case linkCodeExpired
    case invalidLinkSubject
    case invalidScopes(String)
    case invalidWebhookURL(String)
    case noWebhookEvents
    case invalidWebhookSecret
    case unknownWebhook(org: String, endpoint: Int64)
    case tooManyWebhooks(org: String, limit: Int)
    case unknownDelivery(String)
    case notAnItem(String)

    public var description: String {
        switch self {
        case .unknownAccount(let name): "There is no account called '\(name)'."
        case .unknownAsset(let code): "There is no asset called '\(code)'."
        case .accountExists(let name): "The account '\(name)' already exists."
        case .assetExists(let code): "The asset '\(code)' already exists."
        case .invalidAccountName(let name):
            "'\(name)' is not a valid account name: use 1 to 64 lower-case letters, digits or _ - ."
        case .invalidAssetCode(let code): "'\(code)' is not a valid asset code: use 1 to 32 letters, digits or _."
        case .invalidScale(let scale): "An asset has 0 to 8 decimals, not \(scale)."
        case .nonPositiveAmount: "The amount must be more than zero."
        case .insufficientFunds(let account, let has, let needs): "\(account) has \(has) but this needs \(needs)."
        case .sameAccount: "Sender and receiver are the same account."
        case .notPermitted(let actor, let action): "\(actor) may not \(action)."
        case .sinkIsFinal: "Burned tickets never leave the sink."
        case .balanceOverflow(let account): "That would take \(account)'s balance past the most any balance may hold."
        case .memoTooLong(let limit): "The memo is longer than \(limit) characters."
        case .invalidKey: "The idempotency key must be 1 to 128 characters."
        case .emptyPosting: "A posting needs at least one leg."
        case .tooManyLegs(let limit): "A posting has at most \(limit) legs."
        case .keyReused(let key): "The key '\(key)' was already used for a different command."
        case .invalidAmount(let text, let asset, let scale, let problem):
            switch problem {
            case .notANumber:
                "'\(text)' is not an amount of \(asset): write digits, e.g. " + (scale > 0 ? "12 or 12.50." : "12.")
            case .negative: "'\(text)' is negative: the amount must be more than zero."
            case .tooManyDecimals:
                scale > 0 ? "'\(text)' has too many decimals: \(asset) has at most \(scale)."
                    : "'\(text)' is not a whole number: \(asset) is counted in whole units."
            case .tooLarge:
                "'\(text)' is more than the most any balance may hold (\(Amount.format(Int64.max, scale: scale)) \(asset))."
            }
        case .ruleFailed(let message): "An economy rule failed, so nothing was changed: \(message)"
        case .rewardsOff: "Rewards are switched off."
        case .rewardNotReady(let kind, let wait):
            "Your \(kind.rawValue) reward is not ready yet: come back in \(Self.duration(wait))."
        case .notTradable(let code): "\(code) is the currency: the market trades items for it."
        case .expiryInPast: "The expiry must be in the future."
        case .orderTooLarge: "That order is too large: quantity times price does not fit a balance."
        case .selfTrade: "That order would trade with one of your own orders; cancel it first."
        case .unknownOrder(let id): "There is no order #\(id)."
        case .notYourOrder(let id): "Order #\(id) is not yours."
        case .orderClosed(let id, let state): "Order #\(id) is already \(state)."
        case .nothingDue: "No job is due."
        case .invalidFactoryName: "A factory name has 1 to 40 characters on one line."
        case .unknownFactory(let id): "There is no factory #\(id)."
        case .notYourFactory(let id): "Factory #\(id) is not yours."
        case .notAComponent(let code): "\(code) is not a factory component."
        case .unknownRecipe(let id): "There is no recipe called '\(id)'."
        case .missingComponent(let component, let factory): "Factory #\(factory) has no \(component) fitted; fit one first."
        case .factoryBusy(let factory, let slots):
            "Factory #\(factory) is busy: all \(slots) of its slots are crafting. Fit more components or wait."
        case .unknownJob(let id): "There is no pending craft #\(id)."
        case .notYourJob(let id): "Craft #\(id) is not yours."
        case .poolAccount(let name): "\(name) is kept for the AMM: only swaps move a pool's reserves."
        case .notRawMaterial(let code): "Only raw materials have pools, and \(code) is not one."
        case .noPool(let code): "There is no pool for \(code) yet."
        case .poolExists(let code): "\(code) already has a pool."
        case .poolTooShallow(let holds): "The pool holds only \(holds): ask for less."
        case .slippage(.input, let quoted, let limit): "You would get \(quoted), less than your minimum of \(limit)."
        case .slippage(.output, let quoted, let limit): "You would pay \(quoted), more than your maximum of \(limit)."
        case .swapTooLarge: "That swap is too large for any balance to pay."
        case .controlCharacter(let what):
            "The \(what) holds a control character (a line break, a tab, NUL or the like): use plain text on one line."
        case .craftTooLong(let recipe, let days, let limit):
            "At this factory's speed \(recipe) would take \(days) days, and a craft may take at most \(limit)."
        case .cannotAfford(let account, let asset):
            "\(account) cannot afford this: with its fee it comes to more \(asset) than any balance may hold."
        case .rewardCapped(let kind, let refill):
            "You have had all your \(kind.rawValue) rewards for today: they refill in \(Self.duration(refill))."
        case .rewardClaimedOnce(let kind): "The \(kind.rawValue) reward comes once per account, and this one has had it."
        case .selfInvite: "Nobody can name themselves as their own inviter."
        case .invitesArePlayers: "Only a player invites, and only players are invited."
        case .inviterNamed(let account, let inviter):
            "\(account) already named \(inviter) as inviter; an inviter is named once."
        case .noInvitees: "Nobody you invited is waiting for an invite reward: invite friends with your link."
        case .inviteNotDue(let missing): "No invite reward is due yet: \(missing)."
        case .brokenProposal(let problems): "That recipe cannot be proposed: \(problems)"
        case .invalidTitle(let limit): "A proposal's title has 1 to \(limit) characters on one line."
        case .proposalLimit(let limit):
            "You already have \(limit) open proposal\(limit == 1 ? "" : "s"), the most the Parliament allows: wait until one is decided."
        case .unknownProposal(let id): "There is no proposal #\(id)."
        case .votersArePlayers: "Only players take part in the Parliament; companies, states and system accounts do not."
        case .notVoting(let id, let state): "Proposal #\(id) is not open for voting: it is \(state)."
        case .notEligible(let id, let reason): "You may not vote on proposal #\(id): \(reason)"
        case .alreadyVoted(let id, let choice): "You already voted \(choice) on proposal #\(id); one person, one vote."
        case .vetoNeedsReason(let limit): "A veto needs a reason, public to every voter, of at most \(limit) characters."
        case .notInVetoWindow(let id, let state): "Proposal #\(id) cannot be vetoed: it is \(state), not approved and in its veto window."
        case .notCancelable(let id, let state):
            "Proposal #\(id) can no longer be canceled: it is \(state), and only a proposal still in review can be."
        case .recipePatented(let recipe): "\(recipe) is already patented: propose your recipe under a new name."
        case .unknownPatent(let recipe): "There is no patent on \(recipe)."
        case .patentExpired(let recipe): "The patent on \(recipe) has expired: the recipe is free to all."
        case .notPatentHolder(let recipe, let account): "\(account) does not hold the patent on \(recipe)."
        case .invalidLicense: "A royalty is 0 or more, and a license's crafts and days, if given, more than zero."
        case .unlicensed(let recipe, let holder):
            "\(recipe) is patented by \(holder): craft it only with their license (ask them for one) or on their open terms."
        case .unknownOrg(let name): "There is no company, state or game server called '\(name)'."
        case .orgDissolved(let name): "\(name) has been dissolved."
        case .notAMember(let org, let account): "\(account) is not a member of \(org)."
        case .lacksPermission(let member, let org, let role, let permission):
            "\(member) is \(role) of \(org), and that role may not \(Self.describe(permission))."
        case .overDailyCap(let member, let org, let cap, let spent):
            "That would take \(member) past their daily limit of \(Amount.format(cap, scale: Asset.ticket.scale)) TIX from \(org)'s treasury"
                + (spent == .max ? "." : " (already \(Amount.format(spent, scale: Asset.ticket.scale)) TIX today).")
        case .notInvited(let org, let account): "\(account) has no invitation to \(org): ask one of its directors."
        case .alreadyMember(let org, let account): "\(account) is already in \(org) (or invited)."
        case .alreadyCitizen(let account, let state): "\(account) is already a citizen of \(state): leave it first."
        case .admissionRefused(let state, let reason): "\(state) does not admit you: \(reason)"
        case .unknownRole(let org, let role): "\(org) has no role called '\(role)'."
        case .invalidRoleName(let name): "'\(name)' is not a valid role name: use 1 to 32 lower-case letters, digits or _ - ."
        case .topRoleStays(let org, let role): "\(org) keeps its \(role): the last \(role) stays, and nobody kicks or redefines one."
        case .wrongOrgKind(let org, let needs): "\(org) is not a \(needs.rawValue): only a \(needs.rawValue) does that."
        case .invalidTaxRule(let problem): "The tax rule was not accepted, so nothing changed: \(problem)"
        case .invalidLine(let problem): "That is not a valid assembly line: \(problem)."
        case .unknownLine(let id): "There is no assembly line #\(id) in this company."
        case .orgBusy(let org, let reason): "\(org) cannot be dissolved yet: \(reason)."
        case .notOffered(let org, let recipe): "\(org) does not offer to craft \(recipe): see its prices."
        case .unknownApiKey: "That API key is not valid."
        case .apiKeyRevoked(let id): "API key #\(id) has been revoked."
        case .apiKeyExpired(let id): "API key #\(id) has expired."
        case .missingScope(let scope): "This API key lacks the scope \(scope.rawValue)."
        case .overRequestCap(let cap):
            "That is more than this key may move in one request (\(Amount.format(cap, scale: Asset.ticket.scale)) TIX)."
        case .overKeyDailyCap(let cap, let spent):
            "That would take this key past its daily limit of \(Amount.format(cap, scale: Asset.ticket.scale)) TIX (already \(Amount.format(spent, scale: Asset.ticket.scale)) TIX today)."
        case .noAllowance(let player, let org): "\(player) has not allowed \(org) to charge them."
        case .overAllowance(let player, let org, let daily, let spent):
            "\(player) allowed \(org) to charge up to \(Amount.format(daily, scale: Asset.ticket.scale)) TIX a day, and \(Amount.format(spent, scale: Asset.ticket.scale)) TIX are already charged today."
        case .unknownLinkCode: "That link code is not valid, or was already used."
        case .linkCodeExpired: "That link code has expired: ask the game server for a new one."
        case .invalidLinkSubject: "A game identity is 1 to 64 letters, digits or - _ ."
        case .invalidScopes(let text): "'\(text)' is not a list of scopes: use \(ApiScope.allCases.map(\.rawValue).joined(separator: ", "))."
        case .invalidWebhookURL(let url):
            "'\(url.prefix(80))' is not a webhook URL: give a full http:// or https:// address of at most \(Ledger.maxWebhookURLLength) bytes."
        case .noWebhookEvents: "Name at least one event the webhook listens to, e.g. transfer.received."
        case .invalidWebhookSecret: "A webhook secret is 16 to 128 printable characters without spaces."
        case .unknownWebhook(let org, let endpoint): "\(org) has no webhook #\(endpoint): see `tix webhook list \(org)`."
        case .tooManyWebhooks(let org, let limit): "\(org) already has \(limit) webhooks, the most an org may hold: remove one first."
        case .unknownDelivery(let id): "There is no webhook delivery \(id): see `tix webhook deliveries ORG`."
        case .notAnItem(let code): "\(code) is the currency, not an item: a key pays tickets with its pay scope."
        }
    }

    /// "3 h 12 min", "40 s": how long a player waits, in whole units. Public so front ends say
    /// durations in the same words.
    public static func duration(_ millis: Int64) -> String {
        // Rounded up without adding first: a rule may answer a wait as long as Int64 allows.
        let seconds = millis / 1000 + (millis % 1000 > 0 ? 1 : 0)
        let (large, small): ((Int64, String), (Int64, String)) =
            switch seconds {
            case ..<60: ((seconds, "s"), (0, ""))
            case ..<3600: ((seconds / 60, "min"), (seconds % 60, "s"))
            default: ((seconds / 3600, "h"), ((seconds % 3600) / 60, "min"))
            }
        return "\(large.0) \(large.1)" + (small.0 > 0 ? " \(small.0) \(small.1)" : "")
    }

    /// What a permission lets a member do, completing "that role may not ...".
    static func describe(_ permission: OrgPermission) -> String {
        switch permission {
        case .spend: "spend the treasury's tickets"
        case .inventory: "move items out of the shared inventory"
        case .factories: "run its factories and lines"
        case .trade: "trade on the market or the AMM for it"
        case .hire: "hire, fire, give roles or set wages"
        case .prices: "set its prices"
        case .govern: "define roles, set rules or payroll, or dissolve it"
        }
    }

    /// A stable machine-readable name for scripts and front ends (`--json`).
    public var code: String {
        switch self {
        case .unknownAccount: "unknownAccount"
        case .unknownAsset: "unknownAsset"
        case .accountExists: "accountExists"
        case .assetExists: "assetExists"
        case .invalidAccountName: "invalidAccountName"
        case .invalidAssetCode: "invalidAssetCode"
        case .invalidScale: "invalidScale"
        case .nonPositiveAmount: "nonPositiveAmount"
        case .insufficientFunds: "insufficientFunds"
        case .sameAccount: "sameAccount"
        case .notPermitted: "notPermitted"
        case .sinkIsFinal: "sinkIsFinal"
        case .balanceOverflow: "balanceOverflow"
        case .memoTooLong: "memoTooLong"
        case .invalidKey: "invalidKey"
        case .emptyPosting: "emptyPosting"
        case .tooManyLegs: "tooManyLegs"
        case .keyReused: "keyReused"
        case .invalidAmount: "invalidAmount"
        case .ruleFailed: "ruleFailed"
        case .rewardsOff: "rewardsOff"
        case .rewardNotReady: "rewardNotReady"
        case .notTradable: "notTradable"
        case .expiryInPast: "expiryInPast"
        case .orderTooLarge: "orderTooLarge"
        case .selfTrade: "selfTrade"
        case .unknownOrder: "unknownOrder"
        case .notYourOrder: "notYourOrder"
        case .orderClosed: "orderClosed"
        case .nothingDue: "nothingDue"
        case .invalidFactoryName: "invalidFactoryName"
        case .unknownFactory: "unknownFactory"
        case .notYourFactory: "notYourFactory"
        case .notAComponent: "notAComponent"
        case .unknownRecipe: "unknownRecipe"
        case .missingComponent: "missingComponent"
        case .factoryBusy: "factoryBusy"
        case .unknownJob: "unknownJob"
        case .notYourJob: "notYourJob"
        case .poolAccount: "poolAccount"
        case .notRawMaterial: "notRawMaterial"
        case .noPool: "noPool"
        case .poolExists: "poolExists"
        case .poolTooShallow: "poolTooShallow"
        case .slippage: "slippage"
        case .swapTooLarge: "swapTooLarge"
        case .controlCharacter: "controlCharacter"
        case .craftTooLong: "craftTooLong"
        case .cannotAfford: "cannotAfford"
        case .rewardCapped: "rewardCapped"
        case .rewardClaimedOnce: "rewardClaimedOnce"
        case .selfInvite: "selfInvite"
        case .invitesArePlayers: "invitesArePlayers"
        case .inviterNamed: "inviterNamed"
        case .noInvitees: "noInvitees"
        case .inviteNotDue: "inviteNotDue"
        case .brokenProposal: "brokenProposal"
        case .invalidTitle: "invalidTitle"
        case .proposalLimit: "proposalLimit"
        case .unknownProposal: "unknownProposal"
        case .votersArePlayers: "votersArePlayers"
        case .notVoting: "notVoting"
        case .notEligible: "notEligible"
        case .alreadyVoted: "alreadyVoted"
        case .vetoNeedsReason: "vetoNeedsReason"
        case .notInVetoWindow: "notInVetoWindow"
        case .notCancelable: "notCancelable"
        case .recipePatented: "recipePatented"
        case .unknownPatent: "unknownPatent"
        case .patentExpired: "patentExpired"
        case .notPatentHolder: "notPatentHolder"
        case .invalidLicense: "invalidLicense"
        case .unlicensed: "unlicensed"
        case .unknownOrg: "unknownOrg"
        case .orgDissolved: "orgDissolved"
        case .notAMember: "notAMember"
        case .lacksPermission: "lacksPermission"
        case .overDailyCap: "overDailyCap"
        case .notInvited: "notInvited"
        case .alreadyMember: "alreadyMember"
        case .alreadyCitizen: "alreadyCitizen"
        case .admissionRefused: "admissionRefused"
        case .unknownRole: "unknownRole"
        case .invalidRoleName: "invalidRoleName"
        case .topRoleStays: "topRoleStays"
        case .wrongOrgKind: "wrongOrgKind"
        case .invalidTaxRule: "invalidTaxRule"
        case .invalidLine: "invalidLine"
        case .unknownLine: "unknownLine"
        case .orgBusy: "orgBusy"
        case .notOffered: "notOffered"
        case .unknownApiKey: "unknownApiKey"
        case .apiKeyRevoked: "apiKeyRevoked"
        case .apiKeyExpired: "apiKeyExpired"
        case .missingScope: "missingScope"
        case .overRequestCap: "overRequestCap"
        case .overKeyDailyCap: "overKeyDailyCap"
        case .noAllowance: "noAllowance"
        case .overAllowance: "overAllowance"
        case .unknownLinkCode: "unknownLinkCode"
        case .linkCodeExpired: "linkCodeExpired"
        case .invalidLinkSubject: "invalidLinkSubject"
        case .invalidScopes: "invalidScopes"
        case .invalidWebhookURL: "invalidWebhookURL"
        case .noWebhookEvents: "noWebhookEvents"
        case .invalidWebhookSecret: "invalidWebhookSecret"
        case .unknownWebhook: "unknownWebhook"
        case .tooManyWebhooks: "tooManyWebhooks"
        case .unknownDelivery: "unknownDelivery"
        case .notAnItem: "notAnItem"
        }
    }
}
