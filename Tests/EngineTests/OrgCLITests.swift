import Foundation
import Testing

/// `tix company` and `tix state` end to end, through the built binary.
@Suite("Companies and states from the command line")
struct OrgCLITests {
    @Test("found a company, hire a clerk with a cap, pay within it, be refused past it, and read it all back")
    func companyTour() async throws {
        let folder = try await CLITests.folder()
        let (status, output) = try await CLITests.tix("""
            tix mint alice 500 && tix company create alice acme --as alice && tix company invite acme bob --as alice \
            && tix company join acme bob --as bob && tix company deposit acme alice 100 --as alice \
            && tix company role define acme clerk --permissions spend --cap 15 --as alice \
            && tix company role set acme bob clerk --as alice && tix company pay acme bob 10 --as bob
            """, in: folder)
        #expect(status == 0, "\(output)")
        let (refused, message) = try await CLITests.tix("tix company pay acme bob 10 --as bob", in: folder)
        #expect(refused == 1)
        #expect(message.contains("past their daily limit of 15.00 TIX"), "\(message)")
        let (_, shown) = try await CLITests.tix("tix company show acme", in: folder)
        #expect(shown.contains("bob\tclerk") && shown.contains("cap 15.00 TIX a day"), "\(shown)")
        let (_, json) = try await CLITests.tix("tix company list --json", in: folder)
        #expect(json.contains(#""name":"acme""#), "\(json)")
        let (verified, report) = try await CLITests.tix("tix verify", in: folder)
        #expect(verified == 0, "\(report)")
    }

    @Test("a governor sets the state's tax rule from a file, and a citizen's transfer pays it")
    func stateRule() async throws {
        let folder = try await CLITests.folder()
        try "function tax(t) return t.amount // 10 end\n".write(to: folder.appendingPathComponent("tax.lua"), atomically: true, encoding: .utf8)
        let (status, output) = try await CLITests.tix("""
            tix mint bob 600 && tix state create bob utopia --as bob && tix state rule set utopia tax.lua --as bob \
            && tix transfer bob alice 10 --as bob
            """, in: folder)
        #expect(status == 0, "\(output)")
        #expect(output.contains("bob → utopia 1.00 TIX"), "\(output)")
    }
}
