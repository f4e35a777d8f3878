import Foundation
import Testing
@testable import Engine

/// Submits an API command as `actor` with a fresh key.
@discardableResult
private func act(_ engine: Engine, _ actor: String, _ command: ApiCommand) async throws -> Receipt {
    try await act(engine, actor, .api(command))
}

/// The refusal of an API command, with proof that it changed nothing.
private func refusal(_ engine: Engine, _ actor: String, _ command: ApiCommand) async throws -> Rejection? {
    try await refusal(engine, actor, .api(command))
}

/// alice founds the game server `mc` (a game org, 500 tickets in its treasury); bob and carol play.
/// `key` is mc's key with `scopes`.
private func server(
    _ scopes: [ApiScope] = [.pay, .charge], max: Int64? = nil, cap: Int64? = nil, expiresAt: Int64? = nil,
    clock: ManualClock = ManualClock(86_400_000 * 20_000)
) async throws -> (Engine, key: ApiKey) {
    let engine = try Engine(path: scratchPath(), clock: clock)
    try await seed(engine, players: ["alice", "bob", "carol"], tickets: 1000)
    try await engine.submit(Submission(actor: "alice", key: "found", command: .org(.create(kind: .game, name: "mc", founder: "alice"))))
    try await engine.submit(Submission(actor: "alice", key: "fund", command: .transfer(from: "alice", to: "mc", asset: "TIX", amount: 50_000)))
    let id = try #require(try await act(engine, "alice", .createKey(
        org: "mc", scopes: scopes, secretHash: ApiKey.hash(secret: "s3cret"), maxPerRequest: max, dailyCap: cap, expiresAt: expiresAt)).createdID)
    return (engine, try #require(try engine.reader.apiKey(id: id)))
}

@Suite("API keys, allowances, links and a key's payments")
struct ApiCommandTests {
    @Test("a game org is an org like the others: its founder owns it and may make keys; only the hash is stored")
    func gameOrgAndKey() async throws {
        let (engine, key) = try await server()
        let details = try engine.reader.org(named: "mc")
        #expect(details.org.kind == .game)
        #expect(details.members.first { $0.name == "alice" }?.role == "owner")
        #expect(key.org == "mc" && key.scopes == [.charge, .pay] && !key.revoked)
        #expect(key.matches(secret: "s3cret") && !key.matches(secret: "s3cres"))
        #expect(key.actor == "mc/key-\(key.id)")
        // bob is no member: he may not make a key for mc.
        let refused = try await refusal(engine, "bob", .createKey(
            org: "mc", scopes: [.pay], secretHash: ApiKey.hash(secret: "x"), maxPerRequest: nil, dailyCap: nil, expiresAt: nil))
        #expect(refused == .notAMember(org: "mc", account: "bob"))
        try expectSound(engine)
    }

    @Test("a key pays players from its own org only, as its own actor, within its caps")
    func pay() async throws {
        let (engine, key) = try await server(max: 2_000, cap: 3_000)
        let receipt = try await act(engine, key.actor, .pay(key: key.id, to: "bob", amount: 1_500, memo: "quest"))
        let paid = try #require(receipt.postings.first)
        #expect(paid.from == "mc" && paid.to == "bob" && paid.amount == 1_500)
        #expect(try tix(engine, "bob") == 101_500)
        #expect(try engine.reader.journal(from: receipt.seq, limit: 1).first?.actor == key.actor)
        #expect(try await refusal(engine, key.actor, .pay(key: key.id, to: "bob", amount: 2_001, memo: nil)) == .overRequestCap(cap: 2_000))
        #expect(try await refusal(engine, key.actor, .pay(key: key.id, to: "bob", amount: 1_600, memo: nil))
            == .overKeyDailyCap(cap: 3_000, spent: 1_500))
        // Someone else using the key's id, and a payment to an org, are refused.
        #expect(try await refusal(engine, "bob", .pay(key: key.id, to: "bob", amount: 1, memo: nil))
            == .notPermitted(actor: "bob", action: "use API key #\(key.id)"))
        #expect(try await refusal(engine, key.actor, .pay(key: key.id, to: "mc", amount: 1, memo: nil)) != nil)
        try expectSound(engine)
    }

    @Test("a charge needs the player's allowance and stays within it per day")
    func charge() async throws {
        let clock = ManualClock(86_400_000 * 20_000)
        let (engine, key) = try await server(clock: clock)
        #expect(try await refusal(engine, key.actor, .charge(key: key.id, from: "bob", amount: 100, memo: nil))
            == .noAllowance(player: "bob", org: "mc"))
        // Only bob consents for bob.
        #expect(try await refusal(engine, "carol", .grantAllowance(player: "bob", org: "mc", daily: 5_000)) != nil)
        try await act(engine, "bob", .grantAllowance(player: "bob", org: "mc", daily: 5_000))
        try await act(engine, key.actor, .charge(key: key.id, from: "bob", amount: 4_000, memo: "rent"))
        #expect(try tix(engine, "bob") == 96_000)
        #expect(try await refusal(engine, key.actor, .charge(key: key.id, from: "bob", amount: 1_001, memo: nil))
            == .overAllowance(player: "bob", org: "mc", daily: 5_000, spent: 4_000))
        #expect(try engine.reader.allowances(player: "bob", day: 20_000) == [Allowance(player: "bob", org: "mc", daily: 5_000, spentToday: 4_000)])
        clock.advance(by: 86_400_000)
        try await act(engine, key.actor, .charge(key: key.id, from: "bob", amount: 5_000, memo: nil))
        try await act(engine, "bob", .revokeAllowance(player: "bob", org: "mc"))
        #expect(try await refusal(engine, key.actor, .charge(key: key.id, from: "bob", amount: 1, memo: nil))
            == .noAllowance(player: "bob", org: "mc"))
        // Beyond the balance: the ledger's own refusal.
        try await act(engine, "carol", .grantAllowance(player: "carol", org: "mc", daily: 10_000_000))
        #expect(try await refusal(engine, key.actor, .charge(key: key.id, from: "carol", amount: 200_000, memo: nil))
            == .insufficientFunds(account: "carol", has: "1000.00 TIX", needs: "2000.00 TIX"))
        try expectSound(engine)
    }

    @Test("scopes, revocation and expiry are checked by the ledger too")
    func keyChecks() async throws {
        let clock = ManualClock(86_400_000 * 20_000)
        let (engine, key) = try await server([.pay], expiresAt: 86_400_000 * 20_000 + 60_000, clock: clock)
        try await act(engine, "bob", .grantAllowance(player: "bob", org: "mc", daily: 5_000))
        #expect(try await refusal(engine, key.actor, .charge(key: key.id, from: "bob", amount: 1, memo: nil)) == .missingScope(.charge))
        clock.advance(by: 60_000)
        #expect(try await refusal(engine, key.actor, .pay(key: key.id, to: "bob", amount: 1, memo: nil)) == .apiKeyExpired(key.id))
        try await act(engine, "alice", .revokeKey(org: "mc", key: key.id))
        #expect(try await refusal(engine, key.actor, .pay(key: key.id, to: "bob", amount: 1, memo: nil)) == .apiKeyRevoked(key.id))
        #expect(try engine.reader.apiKeys(of: "mc").map(\.revoked) == [true])
        try expectSound(engine)
    }

    @Test("a link code is single-use, expires, and ties the game identity to whoever redeems it")
    func links() async throws {
        let clock = ManualClock(86_400_000 * 20_000)
        let (engine, key) = try await server(clock: clock)
        let uuid = "069a79f4-44e9-4726-a5be-fca90e38aaf5"
        try await act(engine, key.actor, .createLink(key: key.id, subject: uuid, code: "ABCD2345", validFor: 60_000))
        try await act(engine, key.actor, .createLink(key: key.id, subject: "other", code: "LATE2345", validFor: 60_000))
        try await act(engine, "bob", .redeemLink(player: "bob", code: "ABCD2345"))
        #expect(try engine.reader.linkedAccount(org: "mc", subject: uuid) == "bob")
        #expect(try await refusal(engine, "carol", .redeemLink(player: "carol", code: "ABCD2345")) == .unknownLinkCode)
        clock.advance(by: 60_001)
        #expect(try await refusal(engine, "carol", .redeemLink(player: "carol", code: "LATE2345")) == .linkCodeExpired)
        #expect(try engine.reader.linkedAccount(org: "mc", subject: "other") == nil)
        try expectSound(engine)
    }

    @Test("API commands keep their journal encoding")
    func coding() throws {
        let command = Command.api(.pay(key: 3, to: "bob", amount: 150, memo: nil))
        let text = try Canonical.encode(command)
        #expect(text == #"{"api":{"pay":{"amount":150,"key":3,"to":"bob"}}}"#)
        #expect(try Command.decode(text, format: .current) == command)
        let link = Command.api(.createLink(key: 1, subject: "u", code: "C0DE", validFor: 5))
        #expect(try Command.decode(try Canonical.encode(link), format: .current) == link)
    }
}
