import GRDB

/// Tells a journal entry as one sentence from one account's point of view (see ``StoryLine``).
///
/// The sentence comes from the entry's command and receipt; what those do not say (a factory's name,
/// who took the other side of a trade, which jobs an entry finished) is read from the entry's own rows,
/// each found by the entry's seq. Amounts use their asset's decimals, never minor units.
struct StoryTeller {
    let db: Database
    /// Decimals of every asset, by code.
    let scales: [String: Int]

    init(db: Database) throws {
        self.db = db
        scales = Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, scale FROM assets").map { ($0["code"], $0["scale"]) })
    }

    /// An item as players read it: `iron_ingot` is "iron ingot".
    static func itemName(_ code: String) -> String { code.replacingOccurrences(of: "_", with: " ") }

    /// The account a command acts for, if it has one: whose point of view tells it best. An account's
    /// opening reads the same from any side.
    static func principal(of command: Command) -> String? {
        switch command {
        case .mint(let to, _, _, _): to
        case .transfer(let from, _, _, _, _): from
        case .claimReward(let account, _), .cancelOrder(let account, _), .buildFactory(let account, _),
            .fitComponent(let account, _, _), .startCraft(let account, _, _, _), .cancelCraft(let account, _):
            account
        case .placeOrder(let order): order.account
        case .swap(let swap): swap.account
        case .nameInviter(let account, _): account
        case .propose(let account, _, _, _), .vote(let account, _, _), .cancelProposal(let account, _): account
        case .license(let grant): grant.holder
        case .setPatentTerms(let holder, _, _): holder
        case .org(let command): command.org
        case .api(let command): principal(of: command)
        case .webhook(let command): command.org
        case .openAccount, .defineAsset, .post, .runDueJobs, .createPool, .veto, .setVetoer: nil
        }
    }

    /// "12.50 TIX", "20 ore", "1 iron ingot".
    func amount<Value: BinaryInteger>(_ value: Value, _ asset: String) -> String {
        "\(Amount.format(value, scale: scales[asset] ?? 0)) \(Self.itemName(asset))"
    }

    /// The entry as `me` lived it.
    func text(of entry: JournalEntry, receipt: Receipt, for me: String) throws -> String {
        let command = try Command.decode(entry.command, format: entry.format)
        let all = receipt.postings
        let mine = all.filter { $0.from == me || $0.to == me }
        let sentence: String? = switch command {
        case .transfer(let from, let to, let asset, let amount, let memo) where from == me:
            (asset == Asset.ticket.code ? "Paid" : "Gave") + " \(StoryLine.name(of: to)) \(self.amount(amount, asset))"
                + feeNote(mine, paidBy: me) + memoNote(memo)
        case .transfer(let from, let to, let asset, let amount, let memo) where to == me:
            "Received \(self.amount(amount, asset)) from \(StoryLine.name(of: from))" + memoNote(memo)
        case .mint(let to, let asset, let amount, let memo) where to == me:
            "Received \(self.amount(amount, asset)) from \(StoryLine.name(of: Account.mint))" + memoNote(memo)
        case .claimReward(let account, let kind) where account == me:
            try reward(kind, got: list(mine.filter { $0.to == me }), at: entry.at, for: me)
        case .placeOrder(let order):
            try market(order, id: receipt.createdID, seq: entry.seq, for: me)
        case .cancelOrder(let account, let order) where account == me:
            "Cancelled order #\(order)" + backNote(mine, to: me)
        case .buildFactory(let account, let name) where account == me:
            "Built the factory \(name)" + costNote(mine, paidBy: me)
        case .fitComponent(let account, let factory, let component) where account == me:
            "Fitted \(Self.article(Self.itemName(component))) to \(try factoryName(factory))" + costNote(mine, paidBy: me)
        case .startCraft(let account, let factory, let recipe, let repeats) where account == me:
            "Started crafting \(Self.itemName(recipe)) in \(try factoryName(factory))"
                + (repeats ? ", repeating" : "") + (receipt.createdID.map { " (craft #\($0))" } ?? "")
        case .cancelCraft(let account, let job) where account == me:
            "Cancelled craft #\(job)" + backNote(mine, to: me)
                + burnedNote(all.filter { $0.from == Account.escrow && $0.to == Account.sink })
        case .runDueJobs:
            try jobs(finishedIn: entry.seq, for: me, restarted: mine.contains { $0.from == me && $0.to == Account.escrow })
        case .swap(let swap) where swap.account == me:
            self.swap(swap, mine, for: me)
        case .openAccount(let name, _) where name == me:
            "Opened the account \(name)"
        case .nameInviter(let account, let inviter) where account == me:
            "Named \(StoryLine.name(of: inviter)) as the player who invited you"
        case .nameInviter(let account, let inviter) where inviter == me:
            "\(StoryLine.name(of: account)) named you as the player who invited them"
        case .post(_, let memo):
            movements(mine, for: me).map { $0 + memoNote(memo) }
        case .propose(let account, let recipe, let title, _) where account == me:
            "Proposed the recipe \(Self.itemName(recipe)) to the Parliament: \(title)"
                + (receipt.createdID.map { " (proposal #\($0))" } ?? "") + costNote(mine, paidBy: me)
        case .vote(let account, let proposal, let ballot) where account == me:
            "Voted \(ballot.rawValue) on proposal #\(proposal)"
        case .cancelProposal(let account, let proposal) where account == me:
            "Canceled proposal #\(proposal)" + backNote(mine, to: me)
        case .veto(let proposal, let reason):
            "Proposal #\(proposal) was vetoed: \(reason)"
        case .license(let grant) where grant.holder == me:
            "Licensed \(Self.itemName(grant.recipe)) to \(StoryLine.name(of: grant.licensee)) for \(amount(grant.royalty, Asset.ticket.code)) a craft"
        case .license(let grant) where grant.licensee == me:
            "\(StoryLine.name(of: grant.holder)) licensed \(Self.itemName(grant.recipe)) to you for \(amount(grant.royalty, Asset.ticket.code)) a craft"
        case .setPatentTerms(let holder, let recipe, let royalty) where holder == me:
            royalty.map { "Offered \(Self.itemName(recipe)) to all for \(amount($0, Asset.ticket.code)) a craft" }
                ?? "Withdrew the open terms of \(Self.itemName(recipe))"
        case .org(let command):
            Self.text(of: command, actor: entry.actor, for: me).map { $0 + costNote(mine, paidBy: me) }
        case .api(let command):
            Self.text(of: command, for: me)
        case .webhook(let command):
            Self.text(of: command, actor: entry.actor, for: me)
        default:
            nil
        }
        return sentence ?? movements(mine, for: me) ?? overview(command, all)
    }

    // MARK: - Commands that need more than the receipt

    private func reward(_ kind: RewardKind, got: String, at: Int64, for me: String) throws -> String {
        switch kind {
        case .tap: return "Tapped: +\(got)"
        case .starter: return "Claimed the starter pack: +\(got)"
        case .invite: return "Claimed the invite reward: +\(got)"
        case .daily: break
        }
        // Only the latest claim's streak is kept, so only the latest claim tells it.
        let streak = try Int64.fetchOne(
            db,
            sql: """
                SELECT r.streak FROM reward_claims r JOIN accounts a ON a.id = r.account_id
                WHERE a.name = ? AND r.kind = ? AND r.last_at = ?
                """,
            arguments: [me, kind.rawValue, at]) ?? 0
        return "Claimed the daily reward: +\(got)" + (streak > 1 ? " (\(streak) days in a row)" : "")
    }

    /// An order placed: the trades it made that involve `me` (as either side), then what rests on the book.
    private func market(_ order: Order, id: Int64?, seq: Int64, for me: String) throws -> String? {
        let fills = try Row.fetchAll(
            db,
            sql: """
                SELECT f.quantity, f.price, f.fee, f.buy_order, f.sell_order, b.name AS buyer, s.name AS seller FROM fills f
                JOIN orders bo ON bo.id = f.buy_order JOIN accounts b ON b.id = bo.account_id
                JOIN orders so ON so.id = f.sell_order JOIN accounts s ON s.id = so.account_id
                WHERE f.seq = ? ORDER BY f.id
                """,
            arguments: [seq])
        var parts: [String] = []
        var filled: Int64 = 0
        for fill in fills {
            let quantity: Int64 = fill["quantity"], price: Int64 = fill["price"], fee: Int64 = fill["fee"]
            let buyOrder: Int64 = fill["buy_order"], sellOrder: Int64 = fill["sell_order"]
            let buyer: String = fill["buyer"], seller: String = fill["seller"]
            let items = amount(quantity, order.asset)
            let total = amount(Int128(quantity) * Int128(price), Asset.ticket.code)
            if buyOrder == id || sellOrder == id { filled += quantity }
            if seller == me {
                parts.append("sold \(items) to \(StoryLine.name(of: buyer)) for \(total)"
                    + (fee > 0 ? " (fee \(amount(fee, Asset.ticket.code)))" : ""))
            } else if buyer == me {
                parts.append("bought \(items) from \(StoryLine.name(of: seller)) for \(total)")
            }
        }
        if order.account == me, order.quantity > filled, let id {
            let rest = amount(order.quantity - filled, order.asset)
            let price = amount(order.price, Asset.ticket.code)
            parts.append((order.side == .sell ? "offered \(rest)" : "bid for \(rest)") + " at \(price) each (order #\(id))")
        }
        return parts.isEmpty ? nil : Self.capitalized(parts.joined(separator: "; "))
    }

    /// A `runDueJobs` entry: the crafts of `me` it finished and the orders of theirs it expired.
    private func jobs(finishedIn seq: Int64, for me: String, restarted: Bool) throws -> String? {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT j.id, j.state FROM jobs j JOIN accounts a ON a.id = j.owner_id
                WHERE j.finished_seq = ? AND a.name = ? AND j.state IN ('done', 'failed') ORDER BY j.id
                """,
            arguments: [seq, me])
        var parts: [String] = []
        let queue = JobQueue(reading: db)
        for row in rows {
            let id: Int64 = row["id"], state: String = row["state"]
            guard let job = try queue.job(id)?.queued.job else { continue }
            switch job {
            case .craft(let craft) where state == QueuedJob.State.failed.rawValue:
                parts.append("craft #\(id) failed: \(list(craft.inputs.map { ($0.asset, $0.amount) })) back")
            case .craft(let craft):
                parts.append("crafted \(list(craft.outputs.map { ($0.asset, $0.amount) }))")
            case .expireOrder(let order):
                guard let book = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT o.side, o.price, o.remaining, a.code FROM orders o JOIN assets a ON a.id = o.asset_id
                        WHERE o.id = ? AND o.state = 'expired'
                        """,
                    arguments: [order])
                else { continue }  // filled or cancelled before it fell due: nothing happened
                let remaining: Int64 = book["remaining"], price: Int64 = book["price"], side: String = book["side"]
                let back = side == TradeSide.buy.rawValue
                    ? amount(Int128(remaining) * Int128(price), Asset.ticket.code)
                    : amount(remaining, book["code"] as String)
                parts.append("order #\(order) expired: \(back) back")
            case .advanceProposal(let proposal):
                let state = try String.fetchOne(db, sql: "SELECT state FROM proposals WHERE id = ?", arguments: [proposal])
                parts.append("proposal #\(proposal) is \(state ?? "gone")")
            case .line, .payroll:
                continue  // their crafts and wages tell themselves
            }
        }
        if restarted, !parts.isEmpty { parts.append("started again") }
        return parts.isEmpty ? nil : Self.capitalized(parts.joined(separator: "; "))
    }

    private func swap(_ swap: Swap, _ mine: [Posting], for me: String) -> String {
        let paid = list(mine.filter { $0.from == me && $0.asset == swap.inputAsset })
        let got = list(mine.filter { $0.to == me && $0.asset == swap.outputAsset })
        let trade = swap.side == .buy ? "Bought \(got) for \(paid)" : "Sold \(paid) for \(got)"
        return trade + feeNote(mine, paidBy: me)
    }

    private func factoryName(_ id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT name FROM factories WHERE id = ?", arguments: [id]) ?? "factory #\(id)"
    }

    // MARK: - Entries without a sentence of their own

    /// What moved in or out of `me`'s account, when the command is someone else's: one clause per
    /// direction and counterparty ("Received 2 forge, 1 lab from the mint").
    private func movements(_ mine: [Posting], for me: String) -> String? {
        guard !mine.isEmpty else { return nil }
        var groups: [(incoming: Bool, other: String, postings: [Posting])] = []
        for posting in mine {
            let incoming = posting.to == me, other = incoming ? posting.from : posting.to
            if let index = groups.firstIndex(where: { $0.incoming == incoming && $0.other == other }) {
                groups[index].postings.append(posting)
            } else {
                groups.append((incoming, other, [posting]))
            }
        }
        return Self.capitalized(groups.map {
            ($0.incoming ? "received \(list($0.postings)) from " : "sent \(list($0.postings)) to ") + StoryLine.name(of: $0.other)
        }.joined(separator: "; "))
    }

    /// The operator's commands and entries that did not touch the teller.
    private func overview(_ command: Command, _ all: [Posting]) -> String {
        switch command {
        case .defineAsset(let asset): "Defined the \(asset.kind.rawValue) \(Self.itemName(asset.code))"
        case .createPool(let asset, let items, let tickets):
            "Opened the \(Self.itemName(asset)) pool with \(amount(items, asset)) and \(amount(tickets, Asset.ticket.code))"
        case .openAccount(let name, _): "Opened the account \(StoryLine.name(of: name))"
        case .runDueJobs where all.isEmpty: "Ran the jobs that were due"
        default:
            all.isEmpty
                ? "Nothing moved"
                : "Moved " + all.map {
                    "\(amount($0.amount, $0.asset)) from \(StoryLine.name(of: $0.from)) to \(StoryLine.name(of: $0.to))"
                }.joined(separator: "; ")
        }
    }

    // MARK: - Pieces of sentences

    /// Amounts per asset in order of first appearance, summed wide so no total can overflow.
    private func list(_ postings: [Posting]) -> String {
        list(postings.map { ($0.asset, $0.amount) })
    }

    private func list(_ amounts: [(asset: String, amount: Int64)]) -> String {
        var order: [String] = []
        var totals: [String: Int128] = [:]
        for (asset, value) in amounts {
            if totals[asset] == nil { order.append(asset) }
            totals[asset, default: 0] += Int128(value)
        }
        return order.map { amount(totals[$0]!, $0) }.joined(separator: ", ")
    }

    /// Fees `payer` paid in this entry: what went to the sink and the treasury.
    private func fees(_ mine: [Posting], paidBy payer: String) -> [Posting] {
        mine.filter { $0.from == payer && ($0.to == Account.sink || $0.to == Account.treasury) }
    }

    private func feeNote(_ mine: [Posting], paidBy payer: String) -> String {
        let fees = fees(mine, paidBy: payer)
        return fees.isEmpty ? "" : " (fee \(list(fees)))"
    }

    private func costNote(_ mine: [Posting], paidBy payer: String) -> String {
        let fees = fees(mine, paidBy: payer)
        return fees.isEmpty ? "" : " (−\(list(fees)) fee)"
    }

    private func backNote(_ mine: [Posting], to me: String) -> String {
        let back = mine.filter { $0.to == me }
        return back.isEmpty ? "" : ": \(list(back)) back"
    }

    private func burnedNote(_ burned: [Posting]) -> String {
        burned.isEmpty ? "" : " (−\(list(burned)) burned)"
    }

    private func memoNote(_ memo: String?) -> String {
        memo.map { " — “\($0)”" } ?? ""
    }

    private static func article(_ item: String) -> String {
        ("aeiou".contains(item.first ?? "x") ? "an " : "a ") + item
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
