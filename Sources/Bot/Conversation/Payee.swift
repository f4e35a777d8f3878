import Engine

/// Whom a player means: `@username`, a Telegram user id, an account name, a display name, or the author
/// of the message they reply to.
struct Payee: Sendable {
    let services: Services

    func account(named token: String) throws -> String {
        let players = services.players
        if token.hasPrefix("@") {
            let name = String(token.dropFirst())
            if let link = try players.link(username: name) { return link.account }
            return try existing(name.lowercased()) ?? { throw Problem.unknownPlayer(token) }()
        }
        if let id = Int64(token), let link = try players.link(user: id) { return link.account }
        return try existing(token.lowercased()) ?? players.link(username: token)?.account ?? players.link(displayName: token)?.account
            ?? { throw Problem.unknownPlayer(token) }()
    }

    /// Whom a typed command names first (`/give @bob 3 iron_ingot`), or, in reply to someone's message
    /// without an @name, its author; with the words after.
    func recipient(of request: Request, command: String, usage: String) throws -> (account: String, rest: ArraySlice<String>) {
        let words = request.arguments[...]
        if let person = request.incoming.repliedTo, words.first?.hasPrefix("@") != true { return (try account(of: person), words) }
        return (try account(named: try request.argument(0, of: command, usage: usage)), words.dropFirst())
    }

    func account(of person: Person) throws -> String {
        guard let link = try services.players.link(user: person.id) else {
            throw Problem.notAPlayer(person.username.map { "@\($0)" } ?? person.firstName)
        }
        return link.account
    }

    private func existing(_ name: String) throws -> String? {
        Account.isValidName(name) ? try services.reader.account(named: name)?.name : nil
    }
}
