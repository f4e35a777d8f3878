import Engine
import Foundation

/// What a player owns and did: balance, items, their own journal entries, the leaderboard, invitations.
struct WalletSection: Section {
    static let historyLength = 10
    static let leaderboardLength = 10

    var commands: [CommandRoute] {
        [
            CommandRoute(name: "balance", arguments: "", summary: Texts.Summary.balance, run: balance),
            CommandRoute(name: "inventory", arguments: "", summary: Texts.Summary.inventory, run: inventory),
            CommandRoute(name: "history", arguments: "", summary: Texts.Summary.history, run: history),
            CommandRoute(name: "entry", arguments: Texts.Usage.entry, summary: Texts.Summary.entry, run: entry),
            CommandRoute(name: "top", arguments: Texts.topUsage, summary: Texts.Summary.top, run: top),
            CommandRoute(name: "invite", arguments: "", summary: Texts.Summary.invite, run: invite),
        ]
    }

    var buttons: [ButtonRoute] {
        [
            ButtonRoute(action: "bal", run: balance), ButtonRoute(action: "inv", run: inventory),
            ButtonRoute(action: "hist", run: history), ButtonRoute(action: "top", run: top),
            ButtonRoute(action: "invite", run: invite),
        ]
    }

    var menu: [Button] {
        [
            Button(Texts.Label.balance, "bal"), Button(Texts.Label.inventory, "inv"),
            Button(Texts.Label.history, "hist"), Button(Texts.Label.top, "top"),
            Button(Texts.Label.invite, "invite"),
        ]
    }

    private func balance(_ request: Request) async throws -> Answer {
        let account = try request.account
        let tickets = try request.reader.balance(of: account, asset: Asset.ticket.code)
        return Answer(
            text: Texts.balance(request.name(account), request.format(tickets, Asset.ticket.code)), buttons: Self.back,
            replacesPressed: true)
    }

    /// What the player holds, and what is theirs but not in hand: components fitted in their factories,
    /// items and tickets in escrow behind open orders and running crafts.
    private func inventory(_ request: Request) async throws -> Answer {
        let account = try request.account
        let items = try request.reader.balances(of: account).filter { $0.asset.code != Asset.ticket.code }
        let fitted = try request.reader.factories(of: account).filter { !$0.components.isEmpty }.map {
            Texts.factoryLine($0.id, $0.name, fitted: FactorySection.fitted($0, request))
        }
        let orders = try request.reader.orders(of: account).map { order in
            let escrow = order.side == .sell
                ? request.format(order.remaining, order.asset)
                : request.format(order.remaining * order.price, Asset.ticket.code)
            return Texts.escrowedForOrder(order.id, order.side, escrow)
        }
        let crafts = try request.reader.jobs(of: account).compactMap { job -> String? in
            guard case .craft(let craft) = job.job, !craft.inputs.isEmpty else { return nil }
            return Texts.escrowedForCraft(job.id, craft.inputs.map { request.format($0.amount, $0.asset) })
        }
        return Answer(
            text: Texts.inventory(items.map { request.format($0.amount, $0.asset.code) })
                + Texts.notInHand(fitted: fitted, escrowed: orders + crafts),
            buttons: Self.back, replacesPressed: true)
    }

    /// The player's story, a page at a time: a button's argument (or `/history SEQ`) is the page's cursor.
    private func history(_ request: Request) async throws -> Answer {
        let account = try request.account
        let before = request.arguments.isEmpty ? nil : try request.id(0, of: "history", usage: "")
        let page = try request.reader.story(of: account, limit: Self.historyLength, before: before)
        let lines = page.lines.map { Texts.storyLine(seq: $0.seq, at: $0.at, text: $0.text) }
        let more = page.next.map { [[Button(Texts.Label.more, "hist", String($0))]] } ?? []
        return Answer(text: Texts.history(lines, more: page.next != nil), buttons: more + Self.back, replacesPressed: true)
    }

    /// One journal entry: the public record anyone can check with `tix verify`, told as a sentence
    /// (from the asker's side when it concerns them) with every movement in words.
    private func entry(_ request: Request) async throws -> Answer {
        let text = try request.argument(0, of: "entry", usage: Texts.Usage.entry)
        guard let seq = Int64(text), seq > 0 else { throw Problem.notANumber(text) }
        guard let entry = try request.reader.journal(from: seq, limit: 1).first, entry.seq == seq,
            let story = try request.reader.story(ofEntry: seq, for: request.player ?? entry.actor)
        else { throw Problem.noSuchEntry(seq) }
        let hash = entry.hash.prefix(8).map { String(format: "%02x", $0) }.joined()
        let movements = story.postings.map {
            Texts.movement(
                amount: request.format($0.amount, $0.asset), from: StoryLine.name(of: $0.from), to: StoryLine.name(of: $0.to))
        }
        return Answer(
            text: Texts.entry(seq: seq, at: entry.at, actor: entry.actor, story: story.text, movements: movements, hash: hash),
            buttons: Self.back)
    }

    /// The richest players of all time, or, with `week` (typed or by its button), those who gained the
    /// most since Monday 00:00 UTC: a board a newcomer can top.
    private func top(_ request: Request) async throws -> Answer {
        let weekly = request.arguments.first?.lowercased() == "week"
        let standings = weekly
            ? try request.reader.gains(since: Self.weekStart(request.services.clock.now()), limit: Self.leaderboardLength)
            : try request.reader.leaderboard(limit: Self.leaderboardLength)
        let lines = standings.enumerated().map { place, standing in
            Texts.standing(place + 1, request.name(standing.account), request.format(standing.amount, Asset.ticket.code))
        }
        let other = weekly ? Button(Texts.allTimeLabel, "top") : Button(Texts.thisWeekLabel, "top", "week")
        return Answer(
            text: weekly ? Texts.weeklyLeaderboard(lines) : Texts.leaderboard(lines), buttons: [[other, Texts.menuButton]],
            replacesPressed: true)
    }

    /// Monday 00:00 UTC of the week `now` falls in (1 January 1970 was a Thursday).
    static func weekStart(_ now: Int64) -> Int64 {
        let day: Int64 = 86_400_000
        let days = now / day
        return (days - (days + 3) % 7) * day
    }

    private func invite(_ request: Request) async throws -> Answer {
        _ = try request.account
        let payload = StartSection.referralPrefix + String(request.incoming.from.id)
        return Answer(
            text: Texts.invite(link: "https://t.me/\(request.services.botName)?start=\(payload)"), buttons: Self.back,
            replacesPressed: true)
    }

    private static let back = [[Texts.menuButton]]
}
