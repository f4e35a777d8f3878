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
