import Engine
import Foundation

/// Every word the bot says, in one place, ready for translation. Refusals of the engine come with
/// their own words (``Engine/Rejection``).
enum Texts {
    enum Summary {
        static let start = "join the game, or show the menu"
        static let help = "every command"
        static let menu = "the buttons"
        static let tap = "tap for a few cents (every few seconds)"
        static let daily = "your daily gift; come back every day for a streak"
        static let balance = "your tickets"
        static let inventory = "your items"
        static let history = "what you did, newest first, one line per journal entry"
        static let entry = "one journal entry: what happened and every movement"
        static let top = "the richest players"
        static let invite = "your invitation link"
        static let pay = "pay someone (the fee is shown first)"
        static let market = "items for sale and their prices"
        static let book = "the open orders of an item"
        static let buy = "order items at a price, or less"
        static let sell = "offer items at a price, or more"
        static let orders = "your open orders"
        static let cancel = "take an order off the market"
        static let prices = "raw materials at the pools' prices"
        static let quote = "what a trade with the pools would cost or fetch now"
        static let buyRaw = "buy raw materials from the pools (max: the most you pay)"
        static let sellRaw = "sell raw materials to the pools (min: the least you take)"
        static let factories = "your factories"
        static let build = "build a factory (the price is shown first)"
        static let fit = "fit a component into a factory (the price is shown first)"
        static let recipes = "what can be crafted, from what, in how long"
        static let craft = "start a craft; repeat keeps it going while the inputs last"
        static let jobs = "your crafts and when they are ready"
        static let cancelCraft = "stop a craft and get most of its inputs back"
    }

    enum Usage {
        static let entry = "NUMBER"
        static let pay = "@player AMOUNT [memo]"
        static let book = "ITEM"
        static let order = "ITEM QUANTITY PRICE"
        static let cancel = "ORDER"
        static let quote = "buy|sell ITEM QUANTITY"
        static let buyRaw = "ITEM QUANTITY [max TICKETS]"
        static let sellRaw = "ITEM QUANTITY [min TICKETS]"
        static let build = "[NAME]"
        static let fit = "FACTORY COMPONENT"
        static let craft = "FACTORY RECIPE [repeat]"
        static let cancelCraft = "CRAFT"
    }

    enum Label {
        static let tap = "🎯 Tap"
        static let tapAgain = "🎯 Tap again"
        static let daily = "🎁 Daily"
        static let balance = "💰 Balance"
        static let inventory = "🎒 Items"
        static let history = "📜 History"
        static let more = "⬇️ More"
        static let top = "🏆 Top"
        static let invite = "🤝 Invite"
        static let pay = "💸 Pay"
        static let market = "🏪 Market"
        static let myOrders = "📋 My orders"
        static let confirm = "✅ Confirm"
        static let cancel = "✖️ Cancel"
        static let menu = "🏠 Menu"
        static let start = "▶️ Start"
        static func buyOne(_ price: String) -> String { "Buy 1 at \(price)" }
        static func sellOne(_ price: String) -> String { "Sell 1 at \(price)" }
        static func cancelOrder(_ id: Int64) -> String { "Cancel #\(id)" }
        static let materials = "⛏ Materials"
        static func buyRaw(_ items: String) -> String { "Buy \(items)" }
        static func sellRaw(_ items: String) -> String { "Sell \(items)" }
        static let factories = "🏭 Factories"
        static let build = "🏗 Build a factory"
        static let recipes = "📖 Recipes"
        static let crafts = "⏳ Crafts"
        static let fit = "🔧 Fit a component"
        static func factory(_ id: Int64, _ name: String) -> String { "🏭 #\(id) \(name)" }
        static func backToFactory(_ id: Int64) -> String { "↩️ Factory #\(id)" }
        static func component(_ code: String) -> String { "🔧 \(code)" }
        static func craft(_ recipe: String) -> String { "⚒ \(recipe)" }
        static func repeats(_ on: Bool) -> String { on ? "🔁 Repeat: on" : "🔁 Repeat: off" }
        static func cancelCraft(_ id: Int64) -> String { "Stop #\(id)" }
    }

    static let menuButton = Button(Label.menu, "menu")
    static let startButton = Button(Label.start, "start")

    // MARK: Joining and help

    static func welcome(_ firstName: String, account: String) -> String {
        "Welcome, \(firstName)! Your account is \(account). Tap 🎯 to earn your first tickets, come back daily for 🎁."
    }

    static func welcomeBack(_ account: String) -> String { "Welcome back, \(account)!" }
    static func menu(_ account: String) -> String { "\(account), what next? (/help lists every command)" }
    static func joinedThroughYou(_ account: String) -> String { "🤝 \(account) joined through your invitation." }
    static func invite(link: String) -> String { "Invite friends with this link:\n\(link)" }
    /// For an update whose handling kept failing and was set aside (a dead letter).
    static let setAside = "⚠️ Something went wrong with that, and the operators have been told. Please try again later."
    static let notACommand = "I answer commands and buttons. Here is the menu (/help lists every command)."

    static func help(_ commands: [(name: String, arguments: String, summary: String)]) -> String {
        "Commands:\n" + commands.map { "/\($0.name)\($0.arguments.isEmpty ? "" : " " + $0.arguments) — \($0.summary)" }
            .joined(separator: "\n") + "\n\nIn a group, reply to someone's message with /pay AMOUNT to pay them."
    }

    // MARK: Rewards

    static func rewarded(_ kind: RewardKind, amount: String, streak: Int64, balance: String) -> String {
        switch kind {
        case .tap: "🎯 +\(amount) (streak \(streak))\nBalance: \(balance)"
        case .daily: "🎁 +\(amount) — day \(streak) of your streak\nBalance: \(balance)"
        case .starter: "🧰 +\(amount) — your starter pack: enough for a factory, a forge and a first ingot\nBalance: \(balance)"
        case .invite: "🤝 +\(amount) for \(streak) invited player\(streak == 1 ? "" : "s") now playing\nBalance: \(balance)"
        }
    }

    // MARK: Wallet

    static func balance(_ account: String, _ tickets: String) -> String { "💰 \(account): \(tickets)" }

    static func inventory(_ items: [String]) -> String {
        items.isEmpty ? "🎒 You hold no items yet." : "🎒 Your items:\n" + items.joined(separator: "\n")
    }

    static func storyLine(seq: Int64, at: Int64, text: String) -> String { "#\(seq) \(time(at))  \(text)" }

    static func history(_ lines: [String], more: Bool) -> String {
        lines.isEmpty
            ? "📜 Nothing yet."
            : "📜 Your story, newest first (journal entry, time UTC):\n" + lines.joined(separator: "\n")
                + (more ? "\n\nPress More for older entries." : "") + "\n\n/entry NUMBER shows an entry with its movements."
    }

    /// A posting in words: "12.50 TIX from alice to bob".
    static func movement(amount: String, from: String, to: String) -> String { "• \(amount) from \(from) to \(to)" }

    static func entry(seq: Int64, at: Int64, actor: String, story: String, movements: [String], hash: String) -> String {
        "Journal entry #\(seq), \(time(at)) UTC, by \(actor):\n\(story)"
            + (movements.isEmpty ? "\nNothing moved." : "\n" + movements.joined(separator: "\n")) + "\nhash \(hash)…"
    }

    static func standing(_ place: Int, _ account: String, _ amount: String) -> String { "\(place). \(account) — \(amount)" }
    static func leaderboard(_ lines: [String]) -> String {
        lines.isEmpty ? "🏆 Nobody holds tickets yet." : "🏆 Top players:\n" + lines.joined(separator: "\n")
    }

    // MARK: Paying

    static let theMarket = "the market"
    static func received(_ amount: String, from: String) -> String { "📥 You received \(amount) from \(from)." }
    static func memo(_ memo: String) -> String { "“\(memo)”" }
    static let choosePayee = "💸 Whom do you pay?"
    static let nobodyToPay =
        "💸 Nobody to pick yet. Type /pay @player AMOUNT, or reply to someone's message with /pay AMOUNT."
    static func chooseAmount(_ account: String) -> String { "💸 How much for \(account)?" }

    static func payQuestion(amount: String, to: String, fee: String, burned: Bool, total: String, memo: String?) -> String {
        "Pay \(amount) to \(to)?" + (memo.map { " “\($0)”" } ?? "")
            + "\nFee: \(fee)\(burned ? " (burned)" : "")\nTotal: \(total)"
    }

    static func paid(amount: String, to: String, fee: String, balance: String, entry: Int64) -> String {
        "✅ Paid \(amount) to \(to) (fee \(fee)). Balance: \(balance). Journal entry #\(entry)."
    }

    static let confirmQuestion = "Confirm?"
    static let cancelled = "✖️ Cancelled: nothing changed."
    static func done(entry: Int64) -> String { "✅ Done (journal entry #\(entry))." }

    // MARK: Market

    static func itemLine(_ code: String, ask: String?, bid: String?) -> String {
        "\(code): sells from \(ask ?? "—"), buys up to \(bid ?? "—")"
    }

    static func market(_ lines: [String]) -> String {
        lines.isEmpty ? "🏪 Nothing is traded yet." : "🏪 Market:\n" + lines.joined(separator: "\n")
    }

    static func level(_ quantity: String, at price: String, by owner: String) -> String { "\(quantity) at \(price) — \(owner)" }

    static func book(_ item: String, sells: [String], buys: [String]) -> String {
        "📖 \(item)\nFor sale:\n" + (sells.isEmpty ? "  —" : sells.map { "  " + $0 }.joined(separator: "\n"))
            + "\nWanted:\n" + (buys.isEmpty ? "  —" : buys.map { "  " + $0 }.joined(separator: "\n"))
            + "\n\n/buy \(item) QUANTITY PRICE or /sell \(item) QUANTITY PRICE to place an order."
    }

    static func orderQuestion(_ side: TradeSide, quantity: String, price: String, fillsNow: String) -> String {
        "\(side == .buy ? "Buy" : "Sell") \(quantity) at \(price) each? Trades now: \(fillsNow)."
    }

    static func placed(id: Int64, _ side: TradeSide, quantity: String, price: String, filled: String, resting: String) -> String {
        "✅ Order #\(id): \(side == .buy ? "buy" : "sell") \(quantity) at \(price). Traded now: \(filled); on the book: \(resting)."
    }

    static func orderCancelled(_ id: Int64, returned: [String]) -> String {
        "✖️ Order #\(id) cancelled." + (returned.isEmpty ? "" : " Back to you: \(returned.joined(separator: ", ")).")
    }

    static func openOrder(_ id: Int64, _ side: TradeSide, remaining: String, price: String) -> String {
        "#\(id) \(side == .buy ? "buy" : "sell") \(remaining) at \(price)"
    }

    static func orders(_ lines: [String]) -> String {
        lines.isEmpty ? "📋 You have no open orders." : "📋 Your open orders:\n" + lines.joined(separator: "\n")
    }

    // MARK: Raw materials (the AMM's pools)

    static func poolLine(_ asset: String, price: String, holds: String) -> String {
        "\(asset): \(price) \(Asset.ticket.code) each (the pool holds \(holds))"
    }

    static func prices(_ lines: [String]) -> String {
        lines.isEmpty
            ? "⛏ No raw material is on sale yet."
            : "⛏ Raw materials at the pools' prices:\n" + lines.joined(separator: "\n")
                + "\n\nEvery trade moves the price: /quote shows a trade's exact figures."
    }

    static func material(_ asset: String, price: String, held: String) -> String {
        "⛏ \(asset): \(price) \(Asset.ticket.code) each. You hold \(held).\nBuy or sell how many?"
    }

    /// A quote, with the command that makes the trade under a guard a little past it.
    static func quote(_ side: TradeSide, items: String, tickets: String, fee: String, command: String) -> String {
        switch side {
        case .buy: "\(items) cost \(tickets) now (fee \(fee)).\n\(command) buys them, refused if the price rises further."
        case .sell: "\(items) fetch \(tickets) now (fee \(fee)).\n\(command) sells them, refused if the price falls further."
        }
    }

    static func swapQuestion(_ side: TradeSide, items: String, tickets: String, fee: String, limit: String) -> String {
        switch side {
        case .buy: "Buy \(items) for \(tickets) (fee \(fee))?\nShould the price move first, you pay at most \(limit)."
        case .sell: "Sell \(items) for \(tickets) (fee \(fee))?\nShould the price move first, you get at least \(limit)."
        }
    }

    static func swapped(_ side: TradeSide, items: String, tickets: String, fee: String, balance: String) -> String {
        "✅ \(side == .buy ? "Bought" : "Sold") \(items) for \(tickets) (fee \(fee)). Balance: \(balance)."
    }

    // MARK: Factories and crafting

    static let defaultFactoryName = "Workshop"

    static func factoryLine(_ id: Int64, _ name: String, fitted: [String]) -> String {
        "#\(id) \(name): " + (fitted.isEmpty ? "nothing fitted" : fitted.joined(separator: ", "))
    }

    static func factories(_ lines: [String]) -> String {
        lines.isEmpty
            ? "🏭 You have no factory yet: build one (the price is shown first)."
            : "🏭 Your factories:\n" + lines.joined(separator: "\n")
    }

    static func buildQuestion(_ name: String, cost: String) -> String { "Build the factory “\(name)” for \(cost)?" }

    static func built(_ id: Int64, _ name: String, cost: String, balance: String) -> String {
        "✅ Factory #\(id) “\(name)” built for \(cost). Balance: \(balance)."
    }

    static func fitQuestion(_ component: String, factory: Int64, cost: String) -> String {
        "Fit 1 \(component) into factory #\(factory) for \(cost)? It stays in the factory."
    }

    static func fitted(_ component: String, factory: Int64, cost: String) -> String {
        "✅ 1 \(component) fitted into factory #\(factory) for \(cost)."
    }

    static func chooseComponent(_ factory: Int64) -> String { "🔧 Fit which component into factory #\(factory)?" }
    static let noComponents = "🔧 You hold no component: craft one (a forge needs none) or buy one on the market."

    static func recipeLine(_ name: String, id: String, inputs: [String], outputs: [String], takes: String, needs: [String]) -> String {
        "\(name) (\(id)): \(inputs.isEmpty ? "nothing" : inputs.joined(separator: " + ")) → \(outputs.joined(separator: " + ")), \(takes)"
            + (needs.isEmpty ? "" : ", needs \(needs.joined(separator: " and "))")
    }

    static func recipes(_ lines: [String]) -> String {
        lines.isEmpty
            ? "📖 There are no recipes yet."
            : "📖 Recipes (time at normal speed):\n" + lines.joined(separator: "\n") + "\n\n/craft FACTORY RECIPE starts one."
    }

    static func workbench(_ id: Int64, _ name: String, fitted: [String], crafting: [String], repeats: Bool) -> String {
        factoryLine(id, name, fitted: fitted) + "\n" + (crafting.isEmpty ? "Idle." : "Crafting:\n" + crafting.joined(separator: "\n"))
            + "\n\nCraft what? " + (repeats ? "Each craft starts again when done, while the inputs last." : "Each craft runs once.")
    }

    static func craftLine(_ id: Int64, outputs: [String], factory: Int64, due: Int64, repeats: Bool) -> String {
        "#\(id): \(outputs.joined(separator: " + ")) in factory #\(factory), ready \(time(due)) UTC" + (repeats ? ", repeating" : "")
    }

    static func crafts(_ lines: [String]) -> String {
        lines.isEmpty ? "⏳ Nothing is crafting." : "⏳ Your crafts:\n" + lines.joined(separator: "\n")
    }

    static func craftStarted(_ id: Int64, outputs: [String], factory: Int64, due: Int64, repeats: Bool) -> String {
        "⚒ Craft #\(id) started: \(outputs.joined(separator: " + ")) in factory #\(factory), ready \(time(due)) UTC."
            + (repeats ? " It starts again when done, while the inputs last." : "")
    }

    static func craftCancelled(_ id: Int64, returned: [String], fee: [String]) -> String {
        "✖️ Craft #\(id) cancelled." + (returned.isEmpty ? "" : " Back to you: \(returned.joined(separator: ", ")).")
            + (fee.isEmpty ? "" : " The cancel fee burned \(fee.joined(separator: ", ")).")
    }

    /// What a craft makes, as far as anyone knows: a variable yield is decided only when the craft completes.
    static func outputs(of craft: Craft, _ format: (Int64, String) -> String) -> [String] {
        craft.variableYield
            ? craft.outputs.map { "\($0.asset) (how many is decided on completion)" } : craft.outputs.map { format($0.amount, $0.asset) }
    }

    /// The message a crafter gets when a craft finishes.
    static func ready(_ recipe: String, outputs: [String]) -> String {
        "⚒ Your \(recipe) is ready: " + outputs.map { "+" + $0 }.joined(separator: ", ")
    }

    // MARK: Refusals

    static func problem(_ problem: Problem) -> String {
        switch problem {
        case .notRegistered: "You have not joined yet: send /start (or press Start)."
        case .unknownPlayer(let name): "I know no player called \(name)."
        case .notAPlayer(let name): "\(name) has not joined the game yet."
        case .unknownCommand(let name): "There is no /\(name) command: /help lists them."
        case .usage(let command, let arguments): "Write it like this: /\(command) \(arguments)"
        case .notANumber(let text): "'\(text)' is not a number."
        case .staleButton: "This button no longer works: open the menu again."
        case .notYourButton: "This button is not yours."
        case .expiredButton: "This confirmation has expired: nothing changed. Ask again."
        case .alreadyDone: "That is done already."
        case .cannotRegister: "I could not open an account for you: please set a Telegram username and try again."
        case .emptyBook(let item): "Nobody trades \(item) on that side right now."
        case .noSuchEntry(let seq): "There is no journal entry #\(seq)."
        }
    }

    /// `tix play`'s own words around the conversation.
    enum Terminal {
        static let banner = """
            Ticketonomics in your terminal: the Telegram bot's game, without Telegram.
            Type /start to join, then type a button's number to press it (or any command: /help).
            An empty line shows what happened meanwhile (crafts ready). :user NAME plays as someone else, :quit ends.
            """
        static func nowPlaying(_ name: String) -> String { "(now playing as \(name))" }
        static func noButton(_ number: Int) -> String { "(no button \(number))" }
        static func notice(_ text: String) -> String { "💬 \(text)" }
        static func message(_ text: String, to other: String?) -> String {
            "🤖 " + (other.map { "→ \($0): " } ?? "") + text.replacingOccurrences(of: "\n", with: "\n   ")
        }
    }

    /// Journal time as "11-26 14:05" (UTC).
    static func time(_ millis: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(millis / 1000))
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        let pad = { (n: Int?) in String(format: "%02d", n ?? 0) }
        return "\(pad(parts.month))-\(pad(parts.day)) \(pad(parts.hour)):\(pad(parts.minute))"
    }
}

// MARK: - Player experience: line notices, giving items, market confirmations, fitted and held items

extension Texts {
    /// A repeating craft that did not start again, and the inputs its crafter lacks for the next one.
    static func lineStopped(_ recipe: String, lacking: [String]) -> String {
        "🔁 Your \(recipe.lowercased()) line stopped" + (lacking.isEmpty ? "." : ": it needs \(lacking.joined(separator: " and ")).")
    }

    static let giveSummary = "give items to someone (the fee is shown first)"
    static let giveUsage = "@player QUANTITY ITEM"

    /// `fee` nil: the rules charge none for this.
    static func giveQuestion(_ items: String, to: String, fee: String?, burned: Bool) -> String {
        "Give \(items) to \(to)?\n" + (fee.map { "Fee: \($0)\(burned ? " (burned)" : "")" } ?? "No fee.")
    }

    static func gave(_ items: String, to: String, fee: String?, left: String, entry: Int64) -> String {
        "✅ Gave \(items) to \(to)\(fee.map { " (fee \($0))" } ?? ""). You have \(left) left. Journal entry #\(entry)."
    }

    /// On an order's Confirm screen: the market fee on what trades at once, and who pays it (the seller).
    static func marketFee(_ side: TradeSide, _ fee: String) -> String {
        "\nMarket fee on that: \(fee)" + (side == .buy ? ", paid by the seller." : ", out of what you get.")
    }

    static func boughtNow(_ items: String, paid: String, back: String?) -> String {
        "Paid \(paid) for \(items)" + (back.map { "; \($0) came back to you: they sold below your price." } ?? ".")
    }

    static func soldNow(_ items: String, got: String, fee: String) -> String { "You got \(got) for \(items) (market fee \(fee))." }

    /// /inventory's second part: what is the player's but not in hand. Empty when nothing is.
    static func notInHand(fitted: [String], escrowed: [String]) -> String {
        (fitted.isEmpty ? "" : "\n\n🔧 Fitted in your factories:\n" + fitted.joined(separator: "\n"))
            + (escrowed.isEmpty ? "" : "\n\n🔒 Held for your orders and crafts:\n" + escrowed.joined(separator: "\n"))
    }

    static func escrowedForOrder(_ id: Int64, _ side: TradeSide, _ amount: String) -> String {
        "\(amount) for order #\(id) (\(side == .buy ? "buy" : "sell"))"
    }

    static func escrowedForCraft(_ id: Int64, _ inputs: [String]) -> String { "\(inputs.joined(separator: " + ")) in craft #\(id)" }

    static let topUsage = "[week]"
    static let thisWeekLabel = "📅 This week"
    static let allTimeLabel = "🏆 All time"

    static func weeklyLeaderboard(_ lines: [String]) -> String {
        lines.isEmpty ? "📅 Nobody has gained tickets this week yet." : "📅 Most tickets gained this week (since Monday, UTC):\n" + lines.joined(separator: "\n")
    }
}
