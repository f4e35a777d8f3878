import Foundation
import Testing

/// `tix` as a newcomer meets it: amounts refused for their real reason, read commands that do not
/// invent databases, and a loud warning when no rules apply.
@Suite("The command line speaks plainly")
struct CLITests {
    /// A fresh folder with the shipped rules and recipes, alice holding 10.00 TIX and an ore.
    static func folder() async throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tix-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for directory in ["rules", "recipes"] {
            try FileManager.default.copyItem(
                at: TourTests.repository.appendingPathComponent(directory), to: folder.appendingPathComponent(directory))
        }
        let (status, output) = try await tix("tix account create alice && tix account create bob && tix mint alice 10"
            + " && tix asset define ore --kind raw && tix mint alice 1 --asset ore", in: folder)
        try #require(status == 0, "\(output)")
        return folder
    }

    static func tix(_ line: String, in folder: URL) async throws -> (Int32, String) {
        try await TourTests.shell("shopt -s expand_aliases\nalias tix='\(CrashTests.built("tix").path)'\n\(line)\n", in: folder)
    }

    @Test("each bad amount is refused for its real reason, and nothing changes", arguments: [
        ("tix transfer alice bob 0", "The amount must be more than zero."),
        ("tix transfer alice bob -5", "'-5' is negative: the amount must be more than zero."),
        ("tix transfer alice bob -0.25 --as alice", "'-0.25' is negative"),
        ("tix transfer alice bob 1.234", "'1.234' has too many decimals: TIX has at most 2."),
        ("tix transfer alice bob 0.5 --asset ore", "'0.5' is not a whole number: ore is counted in whole units."),
        ("tix transfer alice bob 99999999999999999999", "more than the most any balance may hold (92233720368547758.07 TIX)"),
        ("tix transfer alice bob abc", "'abc' is not an amount of TIX: write digits, e.g. 12 or 12.50."),
        ("tix transfer alice bob 92233720368547758", "alice cannot afford this"),
        ("tix transfer alice bob 500", "alice has 10.00 TIX but this needs"),
    ])
    func amounts(line: String, message: String) async throws {
        let folder = try await Self.folder()
        let (_, before) = try await Self.tix("tix journal --json --limit 1000", in: folder)
        let (status, output) = try await Self.tix(line, in: folder)
        #expect(status == 1)
        #expect(output.contains(message), "\(output)")
        #expect(!output.lowercased().contains("overflow"), "\(output)")
        #expect(try await Self.tix("tix journal --json --limit 1000", in: folder).1 == before, "a refusal changes nothing")
    }

    @Test("a read command refuses a database that does not exist instead of creating one")
    func missingDatabase() async throws {
        let folder = try await Self.folder()
        for line in ["tix balance alice --db nowhere.sqlite", "tix supply --db nowhere.sqlite", "tix verify --db nowhere.sqlite"] {
            let (status, output) = try await Self.tix(line, in: folder)
            #expect(status != 0)
            #expect(output.contains("There is no database at 'nowhere.sqlite'"), "\(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("nowhere.sqlite").path))
    }

    @Test("people read tickets with two decimals; JSON reads integers of minor units")
    func units() async throws {
        let folder = try await Self.folder()
        let (_, supply) = try await Self.tix("tix supply", in: folder)
        #expect(supply.contains("TIX\tissued 10.00\tburned 0.00\tcirculating 10.00"), "\(supply)")
        let (_, json) = try await Self.tix("tix balance alice --json", in: folder)
        #expect(json.contains("\"TIX\":1000"), "\(json)")
    }

    @Test("tix records an inviter once and names what an invitee lacks; the starter pack comes once; --json gives the codes")
    func rewards() async throws {
        let folder = try await Self.folder()
        let (named, receipt) = try await Self.tix("tix reward inviter bob alice --as bob --json", in: folder)
        #expect(named == 0 && receipt.contains("\"seq\""), "\(receipt)")
        let (again, refusal) = try await Self.tix("tix reward inviter bob alice --as bob --json", in: folder)
        #expect(again != 0 && refusal.contains("\"error\":\"inviterNamed\""), "\(refusal)")
        let (_, early) = try await Self.tix("tix reward claim alice --kind invite --as alice", in: folder)
        #expect(early.contains("No invite reward is due yet: bob must be active on 3 days first; 0 so far"), "\(early)")
        let (paid, starter) = try await Self.tix("tix reward claim bob --kind starter --as bob", in: folder)
        #expect(paid == 0 && starter.contains("mint → bob 70.00 TIX"), "\(starter)")
        let (_, twice) = try await Self.tix("tix reward claim bob --kind starter --as bob --json", in: folder)
        #expect(twice.contains("\"error\":\"rewardClaimedOnce\""), "\(twice)")
        #expect(try await Self.tix("tix verify", in: folder).0 == 0)
    }

    @Test("without a rules directory a command warns that no fees, sinks or rewards apply")
    func noRules() async throws {
        let folder = try await Self.folder()
        let (status, output) = try await Self.tix("tix transfer alice bob 1 --rules missing", in: folder)
        #expect(status == 0)
        #expect(output.contains("no rules directory at 'missing': no fees, sinks or rewards apply"), "\(output)")
        #expect(try await Self.tix("tix --version", in: folder).1.contains("0.3.0"))
    }

    @Test("tix rules check fails on one broken file, and names each problem once under its real path")
    func rulesCheck() async throws {
        let folder = try await Self.folder()
        try "function fee(t)\n  return (\nend\n".write(to: folder.appendingPathComponent("bad.lua"), atomically: true, encoding: .utf8)
        let (status, output) = try await Self.tix("tix rules check bad.lua", in: folder)
        #expect(status == 1)
        #expect(output.hasPrefix("bad.lua:3: unexpected symbol near 'end'\n1 problem(s)"), "\(output)")

        try "recipe = { name = 'Y', inputs = { ore = 1 }, outputs = { y = 1 }, duration = 5\n"
            .write(to: folder.appendingPathComponent("recipes/y.lua"), atomically: true, encoding: .utf8)
        let (recipesStatus, recipes) = try await Self.tix("tix rules check recipes", in: folder)
        #expect(recipesStatus == 1)
        #expect(recipes.components(separatedBy: "recipes/y.lua:2:").count == 2, "one report, under its path: \(recipes)")
        #expect(try await Self.tix("tix rules check rules/fees.lua", in: folder).0 == 0)

        // No examples, yet the check calls the rule as the ledger would: an endless loop is caught here.
        try "function split(f) while true do end end\n".write(to: folder.appendingPathComponent("sinks.lua"), atomically: true, encoding: .utf8)
        let (loopStatus, loop) = try await Self.tix("tix rules check sinks.lua", in: folder)
        #expect(loopStatus == 1)
        #expect(loop.hasPrefix("sinks.lua:1: instruction budget of 2000000 exceeded (on a typical call)"), "\(loop)")
    }

    @Test("tix history tells the story a page at a time, postings on request, minor units in JSON")
    func history() async throws {
        let folder = try await Self.folder()
        #expect(try await Self.tix("tix transfer alice bob 2 --as alice", in: folder).0 == 0)
        let (status, page) = try await Self.tix("tix history alice --limit 1", in: folder)
        #expect(status == 0)
        let lines = page.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("#6\t") && lines[0].hasSuffix("\tPaid bob 2.00 TIX (fee 0.01 TIX)"), "\(page)")
        #expect(lines.last == "Older: tix history alice --before 6", "\(page)")
        let (_, older) = try await Self.tix("tix history alice --before 6 --postings", in: folder)
        #expect(older.contains("\tReceived 1 ore from the mint\n\t\tmint → alice 1 ore\n#3\t"), "\(older)")
        #expect(older.hasSuffix("\tReceived 10.00 TIX from the mint\n\t\tmint → alice 10.00 TIX\n"), "\(older)")
        let (_, json) = try await Self.tix("tix history alice --json --limit 1", in: folder)
        #expect(json.contains("\"seq\":6") && json.contains("\"text\":\"Paid bob 2.00 TIX (fee 0.01 TIX)\""), "\(json)")
        #expect(json.contains("{\"amount\":200,\"asset\":\"TIX\",\"from\":\"alice\",\"id\":"), "\(json)")
        #expect(try await Self.tix("tix history alice --limit 0", in: folder).0 != 0)
    }
}
