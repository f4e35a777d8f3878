import Engine

/// One thing a player asked for, as a handler sees it.
struct Request: Sendable {
    let incoming: Incoming
    /// The words after a typed command, or a button's arguments.
    let arguments: [String]
    /// The asker's account; nil until they join.
    let player: String?
    let services: Services
    /// Whether this very request opened the asker's account (a first button press joins the game).
    let joinedNow: Bool
    /// The main menu, for answers that lead back to it.
    let menu: [[Button]]
    /// Every command with its summary, for /help.
    let help: String

    var reader: LedgerReader { services.reader }

    /// The asker's account, or the refusal that tells them to join first.
    var account: String {
        get throws {
            guard let player else { throw Problem.notRegistered }
            return player
        }
    }

    /// The argument at `index`, or a refusal showing how the command is written.
    func argument(_ index: Int, of route: String, usage: String) throws -> String {
        guard index < arguments.count else { throw Problem.usage(command: route, arguments: usage) }
        return arguments[index]
    }

    /// The argument at `index` as an id, written `7` or `#7`.
    func id(_ index: Int, of route: String, usage: String) throws -> Int64 {
        let text = try argument(index, of: route, usage: usage)
        guard let id = Int64(text.trimmingPrefix("#")) else { throw Problem.notANumber(text) }
        return id
    }

    /// Applies a command as the asker, under the request's own idempotency key by default: handling the
    /// same update again returns the first receipt and applies nothing twice.
    func submit(_ command: Command, key: String? = nil) async throws -> Receipt {
        try await services.engine.submit(Submission(actor: try account, key: key ?? incoming.key, command: command))
    }

    /// What a command would do now, fees included, without doing it.
    func preview(_ command: Command) async throws -> Receipt {
        try await services.engine.preview(Submission(actor: try account, key: incoming.key, command: command))
    }

    /// What players read for `account` (``Players/name(of:)``). A failed read shows the id rather
    /// than failing an answer, which may follow an applied command.
    func name(_ account: String) -> String { (try? services.players.name(of: account)) ?? account }

    /// `amount` minor units of an asset as players read it: "12.50 TIX", "3 sword".
    func format(_ amount: Int64, _ asset: String) -> String { services.assets.format(amount, asset) }

    /// An amount the player typed, in minor units of `asset`; a refusal in words if it is not one.
    func parse(_ text: String, _ asset: String) throws -> Int64 { try services.assets.parse(text, asset) }

    /// Messages for the players a receipt paid, other than the asker: payees, sellers whose orders filled.
    /// A transfer's memo goes with it.
    func notices(for receipt: Receipt, memo: String? = nil) throws -> [Notice] {
        let asker = try account
        var lines: [String: [String]] = [:]
        var order: [String] = []
        for posting in receipt.postings where posting.to != asker && !Account.systemAccounts.contains(posting.to) {
            if lines[posting.to] == nil { order.append(posting.to) }
            let source = posting.from == Account.escrow ? Texts.theMarket : name(posting.from)
            lines[posting.to, default: []].append(Texts.received(format(posting.amount, posting.asset), from: source))
        }
        return order.map { Notice(account: $0, text: (lines[$0]! + (memo.map { [Texts.memo($0)] } ?? [])).joined(separator: "\n")) }
    }
}
