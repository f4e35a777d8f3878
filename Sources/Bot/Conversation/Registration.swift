import Engine

/// Opens a player's account and links it to their chat user.
///
/// The account is named after the @username (lower-cased) when that is a valid, free account name,
/// else `tg<user id>`: a name taken by someone else is never linked to a newcomer.
struct Registration: Sendable {
    let services: Services

    /// The person's account, opened now if they had none. `key` makes it idempotent: the same update
    /// handled again finds the same receipt and links the same account.
    func join(_ person: Person, key: String, referrer: String? = nil) async throws -> (account: String, isNew: Bool) {
        if let account = try services.players.account(of: person) { return (account, false) }
        for name in Self.candidates(for: person) {
            do {
                _ = try await services.engine.submit(
                    Submission(actor: name, key: key, command: .openAccount(name: name, kind: .player)))
            } catch Rejection.accountExists, Rejection.invalidAccountName {
                continue
            }
            try services.players.add(person, account: name, referrer: referrer, at: services.clock.now())
            // The ledger's record of the invitation, which pays the inviter once the newcomer plays. A
            // refusal (the inviter left, or was invited by this very newcomer) must not stop anyone joining.
            if let referrer {
                _ = try? await services.engine.submit(
                    Submission(actor: name, key: key + "-inviter", command: .nameInviter(account: name, inviter: referrer)))
            }
            return (name, true)
        }
        throw Problem.cannotRegister
    }

    private static func candidates(for person: Person) -> [String] {
        let fallback = "tg\(person.id)"
        guard let username = person.username?.lowercased(), Account.isValidName(username) else { return [fallback] }
        return [username, fallback]
    }
}
