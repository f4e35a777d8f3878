import Engine
import Hummingbird

/// The authenticated key behind a request: its org acts, and its actor is the journal's.
struct Caller {
    var key: ApiKey

    /// The key of the request's bearer token, live, holding one of `scopes` and within its rate limit.
    static func authenticate(_ request: Request, scopes: [ApiScope], reader: LedgerReader, limiter: RateLimiter, now: Int64) throws -> Caller {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            let (id, secret) = ApiKey.parse(token: String(header.dropFirst("Bearer ".count)))
        else { throw Problem.missingToken }
        guard let key = try reader.apiKey(id: id), key.matches(secret: secret) else { throw Problem(Rejection.unknownApiKey) }
        guard !key.revoked else { throw Problem(Rejection.apiKeyRevoked(id)) }
        if let expires = key.expiresAt, now >= expires { throw Problem(Rejection.apiKeyExpired(id)) }
        if let wait = limiter.take(for: id) {
            throw Problem(
                type: "rateLimited", status: .tooManyRequests, detail: "Too many requests for this key: retry in \(wait) s.", retryAfter: wait)
        }
        guard scopes.contains(where: key.scopes.contains) else { throw Problem(Rejection.missingScope(scopes[0])) }
        return Caller(key: key)
    }

    /// The account an API path or body names: a game identity linked to one for this org, else the
    /// account itself. A key sees and moves only players and its own org, never another org's or a
    /// system account.
    func account(_ name: String, reader: LedgerReader, allowOwnOrg: Bool) throws -> String {
        let resolved = try reader.linkedAccount(org: key.org, subject: name) ?? name
        guard let account = try reader.account(named: resolved) else { throw Problem(Rejection.unknownAccount(resolved)) }
        guard account.kind == .player || (allowOwnOrg && account.name == key.org) else {
            throw Problem(Rejection.notPermitted(actor: key.actor, action: "see or move the funds of \(account.name)"))
        }
        return account.name
    }
}
