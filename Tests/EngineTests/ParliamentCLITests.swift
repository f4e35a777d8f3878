import Foundation
import Testing

@Suite("tix parliament, tix patent and tix recipes list")
struct ParliamentCLITests {
    @Test("propose a file, read it back with its diff, refuse a broken file with file and line, cancel, verify")
    func proposeShowCancel() async throws {
        let folder = try await CLITests.folder()
        #expect(try await CLITests.tix("tix mint alice 600", in: folder).0 == 0)
        try "recipe = { name = \"Better lens\", inputs = { ore = 1 }, outputs = { lens = 2 }, duration = 1000 }\n"
            .write(to: folder.appendingPathComponent("lens.lua"), atomically: true, encoding: .utf8)
        let (status, proposed) = try await CLITests.tix(
            "tix parliament propose alice lens.lua --title 'A cheaper lens' --as alice --json", in: folder)
        #expect(status == 0, "\(proposed)")
        #expect(proposed.contains("\"createdID\":1") && proposed.contains("\"amount\":50000"), "replacing costs 500 tickets: \(proposed)")

        let (_, list) = try await CLITests.tix("tix parliament list", in: folder)
        #expect(list == "#1\tlens\tpending\tby alice\tA cheaper lens\n", "\(list)")
        let (_, shown) = try await CLITests.tix("tix parliament show 1", in: folder)
        #expect(shown.contains("diff against recipes/lens.lua:\n  - recipe = {\n"), "\(shown)")
        #expect(shown.contains("  + recipe = { name = \"Better lens\""), "\(shown)")
        #expect(shown.contains("  history: proposed at entry 7 (tix journal shows each entry)\n"), "\(shown)")

        let (early, refusal) = try await CLITests.tix("tix parliament vote alice 1 yes --as alice", in: folder)
        #expect(early != 0 && refusal.contains("Proposal #1 is not open for voting: it is pending."), "\(refusal)")

        try "recipe = {\n  name = \"Gear\",\n  inputs = { ore = 1 \n".write(
            to: folder.appendingPathComponent("gear.lua"), atomically: true, encoding: .utf8)
        let (_, before) = try await CLITests.tix("tix journal --json --limit 1000", in: folder)
        let (broken, message) = try await CLITests.tix("tix parliament propose bob gear.lua --title Gears --as bob --json", in: folder)
        #expect(broken != 0)
        #expect(message.contains("\"error\":\"brokenProposal\"") && message.contains("gear.lua:4: '}' expected"), "\(message)")
        #expect(try await CLITests.tix("tix journal --json --limit 1000", in: folder).1 == before, "a refusal changes nothing")

        #expect(try await CLITests.tix("tix parliament cancel alice 1 --as alice", in: folder).0 == 0)
        let (_, canceled) = try await CLITests.tix("tix parliament list --state canceled --json", in: folder)
        #expect(canceled.contains("\"state\":\"canceled\""), "\(canceled)")
        let (_, recipes) = try await CLITests.tix("tix recipes list", in: folder)
        #expect(recipes.contains("lens\tLens\t3 crystal → 1 lens\trecipes/lens.lua\t"), "\(recipes)")
        let (_, patents) = try await CLITests.tix("tix patent list", in: folder)
        #expect(patents == "No patents.\n")
        #expect(try await CLITests.tix("tix verify", in: folder).0 == 0)
    }
}
