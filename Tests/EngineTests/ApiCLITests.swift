import Foundation
import Testing

/// `tix org`, `tix apikey`, `tix allowance` and `tix link` end to end, through the built binary.
@Suite("Game servers, API keys and allowances from the command line")
struct ApiCLITests {
    @Test("a game org, a key shown once (only its hash stored), an allowance, a revocation, and tix verify")
    func gameServer() async throws {
        let folder = try await CLITests.folder()
        let (status, output) = try await CLITests.tix("""
            tix mint alice 500 && tix org create mc --kind game --as alice \
            && tix apikey create mc --scopes pay,balances:read --max-per-request 50 --daily-cap 500 --expires-in 30d --as alice \
            && tix allowance grant bob mc --daily 25 --as bob
            """, in: folder)
        #expect(status == 0, "\(output)")
        let token = try #require(output.split(separator: "\n").first { $0.hasPrefix("API key #1 of mc: tix_1_") }).split(separator: " ").last
        let secret = try #require(token?.split(separator: "_").last.map(String.init))
        #expect(secret.count == 64)
        for file in ["ticketonomics.sqlite", "ticketonomics.sqlite-wal"] {
            let stored = (try? Data(contentsOf: folder.appendingPathComponent("data/\(file)"))) ?? Data()
            #expect(stored.range(of: Data(secret.utf8)) == nil, "the secret itself is never stored (\(file))")
        }
        let (_, listed) = try await CLITests.tix("tix apikey list mc", in: folder)
        #expect(listed.contains("#1 balances:read,pay max 50.00/request cap 500.00/day"), "\(listed)")
        #expect(!listed.contains(secret))
        let (_, allowances) = try await CLITests.tix("tix allowance list --org mc", in: folder)
        #expect(allowances.contains("bob allows mc 25.00 TIX a day"), "\(allowances)")
        let (refused, message) = try await CLITests.tix("tix apikey create mc --scopes pay,fly --as alice", in: folder)
        #expect(refused != 0 && message.contains("'pay,fly' is not a list of scopes"), "\(message)")
        let (revoked, _) = try await CLITests.tix("tix apikey revoke mc 1 --as alice && tix allowance revoke bob mc --as bob", in: folder)
        #expect(revoked == 0)
        let (_, after) = try await CLITests.tix("tix apikey list mc --json", in: folder)
        #expect(after.contains(#""revoked":true"#), "\(after)")
        let (verified, report) = try await CLITests.tix("tix verify", in: folder)
        #expect(verified == 0, "\(report)")
    }
}
