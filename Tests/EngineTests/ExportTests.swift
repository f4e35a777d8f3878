import Foundation
import TestSupport
import Testing
@testable import Engine

/// The checkers the exports are written for, where `tools/install-deps.sh` puts them.
enum Checkers {
    static let beanCheck: URL? = {
        let venv = TourTests.repository.appendingPathComponent(".build/beancount-venv/bin/bean-check")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? venv : nil
    }()
    static let hledger = installedProgram("hledger")

    /// Runs a checker on a file: whether it accepted it, and what it said.
    static func check(_ tool: URL, _ arguments: [String]) async throws -> (ok: Bool, output: String) {
        let (status, output) = try await runProgram(tool, arguments)
        return (status == 0, output)
    }
}

/// A ledger of every feature: the mixed random sequence (transfers with fees, swaps, market orders and
/// fills, crafts and jobs, rewards), then a company, a state taxing its citizens, a Parliament proposal
/// with its deposit, a memo that needs escaping, and names that stretch both mappings.
func featureLedger(randomSeed: UInt64) async throws -> Engine {
    var rng = SplitMix64(state: randomSeed)
    let clock = ManualClock()
    let engine = try Engine(path: scratchPath(), clock: clock, rules: shippedRules, recipes: shippedRecipes)
    try await seed(engine, players: MixedSequenceTests.players + ["dave", "x_y", "x-y", "_x", "9lives"], tickets: 2_000)
    _ = try await engine.seedPools(try PoolSeed.read(directory: shippedRules))
    for (code, kind) in [("forge", Asset.Kind.component), ("lab", .component), ("iron_ingot", .product), ("lens", .product)] {
        try await admin(engine, .defineAsset(Asset(code: code, kind: kind, scale: 0)))
    }
    for (code, scale) in [("Lens", 3), ("a_very_long_asset_code_of_32_chr", 1), ("x_", 0)] {
        try await admin(engine, .defineAsset(Asset(code: code, kind: .product, scale: scale)))
        try await admin(engine, .mint(to: "x_y", asset: code, amount: 1_001))
        try await admin(engine, .transfer(from: "x_y", to: "_x", asset: code, amount: 7))
    }
    for (index, player) in MixedSequenceTests.players.enumerated() {
        for material in MixedSequenceTests.materials { try await admin(engine, .mint(to: player, asset: material, amount: 40)) }
        try await admin(engine, .mint(to: player, asset: "forge", amount: 2))
        try await engine.submit(Submission(actor: player, key: "works", command: .buildFactory(account: player, name: "Works")))
        try await engine.submit(Submission(
            actor: player, key: "fit", command: .fitComponent(account: player, factory: Int64(index + 1), component: "forge")))
    }
    var orders: [Int64] = [], jobs: [Int64] = []
    for _ in 0..<300 {
        let submission = MixedSequenceTests.randomCommand(&rng, clock: clock, orders: orders, jobs: jobs)
        if let receipt = try? await engine.submit(submission) {
            if case .placeOrder = submission.command { receipt.createdID.map { orders.append($0) } }
            if case .startCraft = submission.command { receipt.createdID.map { jobs.append($0) } }
        }
        clock.advance(by: .random(in: 0...900_000, using: &rng))
    }
    for name in ["alice", "bob", "carol", "dave"] { try await admin(engine, .mint(to: name, asset: "TIX", amount: 200_000)) }
    try await engine.submit(Submission(
        actor: "alice", key: "memo",
        command: .transfer(from: "alice", to: "x-y", asset: "TIX", amount: 1_234, memo: #"for "the" a\b, c; d"#)))
    for (actor, command) in [
        ("alice", OrgCommand.create(kind: .company, name: "acme", founder: "alice")),
        ("carol", .create(kind: .state, name: "utopia", founder: "carol")),
        ("carol", .setTaxRule(org: "utopia", source: "function tax(t) return t.amount // 10 end")),
        ("dave", .join(org: "utopia", member: "dave")),
    ] {
        try await engine.submit(Submission(actor: actor, key: UUID().uuidString, command: .org(command)))
    }
    try await engine.submit(Submission(
        actor: "bob", key: "to-acme", command: .transfer(from: "bob", to: "acme", asset: "TIX", amount: 5_000)))
    try await engine.submit(Submission(
        actor: "dave", key: "taxed", command: .transfer(from: "dave", to: "alice", asset: "TIX", amount: 10_000)))
    clock.advance(by: 9 * day)
    for round in 0..<3 {
        for (index, name) in ["alice", "bob", "carol", "dave"].enumerated() {
            try await pay(engine, name, ["alice", "bob", "carol", "dave"][(index + round + 1) % 4], 500)
        }
    }
    clock.advance(by: 9 * day)
    try await propose(engine)
    return engine
}

/// Writes an export to a file of its own and returns its text.
func exported(_ format: LedgerExport.Format, _ engine: Engine, until: Int64? = nil) throws -> (URL, String) {
    var text = ""
    try LedgerExport.write(format, reader: engine.reader, until: until) { text += $0 }
    let file = URL(fileURLWithPath: engine.path).deletingLastPathComponent()
        .appendingPathComponent("ledger-\(UUID()).\(format == .csv ? "csv" : "journal")")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return (file, text)
}

/// The export with one amount changed by one whole unit: the first posting of a player in tickets.
func tampered(_ text: String) -> String {
    var lines = text.components(separatedBy: "\n")
    let index = lines.firstIndex { $0.hasPrefix("  ") && $0.contains("Assets:Players:") && !$0.contains("=") && $0.hasSuffix(" TIX") }!
    let amount = lines[index].components(separatedBy: " ").dropLast().last!
    let whole = amount.prefix { $0 != "." }
    let changed = String(Int(whole)! + 1) + amount.dropFirst(whole.count)
    lines[index] = String(lines[index].dropLast(amount.count + 4)) + changed + " TIX"
    return lines.joined(separator: "\n")
}

/// RFC 4180 rows: quoted cells may hold commas and doubled quotes.
func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false, previous: Character = " "
    for character in text {
        switch (character, quoted) {
        case ("\"", true): quoted = false
        case ("\"", false): if previous == "\"" { cell.append("\"") }; quoted = true
        case (",", false): row.append(cell); cell = ""
        case ("\r\n", false): row.append(cell); rows.append(row); row = []; cell = ""
        default: cell.append(character)
        }
        previous = character
    }
    return rows
}

@Suite("Exports others can check")
struct ExportTests {
    @Test("bean-check accepts the beancount export of every feature, and refuses it with one amount changed",
          .enabled(if: Checkers.beanCheck != nil, "bean-check is absent: run tools/install-deps.sh"))
    func beancount() async throws {
        let engine = try await featureLedger(randomSeed: testSeed())
        defer { engine.close() }
        let (file, text) = try exported(.beancount, engine)
        for kind in ["transfer", "swap", "placeOrder", "startCraft", "runDueJobs", "claimReward", "org", "propose"] {
            #expect(text.contains("\"\(kind)"), "the ledger should hold a \(kind)")
        }
        #expect(text.contains(" balance Equity:Mint ") && text.contains("Assets:Players:X-Uy") && text.contains("Assets:Players:X-Hy"))
        let checked = try await Checkers.check(Checkers.beanCheck!, [file.path])
        #expect(checked.ok, "\(checked.output.prefix(2000))")
        let changed = tampered(text)
        #expect(changed != text)
        try changed.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await Checkers.check(Checkers.beanCheck!, [file.path]).ok == false)
    }

    @Test("hledger check accepts the hledger export of every feature, and refuses it with one amount changed",
          .enabled(if: Checkers.hledger != nil, "hledger is absent: run tools/install-deps.sh"))
    func hledger() async throws {
        let engine = try await featureLedger(randomSeed: testSeed())
        defer { engine.close() }
        let (file, text) = try exported(.hledger, engine)
        #expect(text.contains("= ") && text.contains("closing balances"))
        let checked = try await Checkers.check(Checkers.hledger!, ["check", "-f", file.path])
        #expect(checked.ok, "\(checked.output.prefix(2000))")
        let changed = tampered(text)
        #expect(changed != text)
        try changed.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await Checkers.check(Checkers.hledger!, ["check", "-f", file.path]).ok == false)
    }

    @Test("an export up to a seq asserts the balances at that seq, and both checkers accept it",
          .enabled(if: Checkers.beanCheck != nil && Checkers.hledger != nil, "bean-check or hledger is absent"))
    func until() async throws {
        let engine = try await featureLedger(randomSeed: testSeed())
        defer { engine.close() }
        let head = try engine.reader.headSeq()
        let (beancount, text) = try exported(.beancount, engine, until: head / 2)
        #expect(text.contains("through journal seq \(head / 2)") && !text.contains("  seq: \(head / 2 + 1)\n"))
        let checked = try await Checkers.check(Checkers.beanCheck!, [beancount.path])
        #expect(checked.ok, "\(checked.output.prefix(2000))")
        let (journal, _) = try exported(.hledger, engine, until: head / 2)
        let hledgerChecked = try await Checkers.check(Checkers.hledger!, ["check", "-f", journal.path])
        #expect(hledgerChecked.ok, "\(hledgerChecked.output.prefix(2000))")
    }

    @Test("the CSV postings sum to every stored balance")
    func csv() async throws {
        let engine = try await featureLedger(randomSeed: testSeed())
        defer { engine.close() }
        let (_, text) = try exported(.csv, engine)
        let scales = Dictionary(uniqueKeysWithValues: try engine.reader.assets().map { ($0.code, $0.scale) })
        var sums: [String: Int64] = [:]
        let rows = csvRows(text).dropFirst()
        for cells in rows {
            try #require(cells.count == 10, "\(cells)")
            let amount = try Amount.read(cells[9], scale: scales[cells[8]]!)
            sums["\(cells[6]) \(cells[8])", default: 0] -= amount
            sums["\(cells[7]) \(cells[8])", default: 0] += amount
        }
        #expect(rows.contains { $0[5] == #"for "the" a\b, c; d"# })
        for account in try engine.reader.accounts() {
            for holding in try engine.reader.balances(of: account.name) {
                #expect(sums["\(account.name) \(holding.asset.code)", default: 0] == holding.amount, "\(account.name) \(holding.asset.code)")
            }
        }
    }

    @Test("account and commodity names follow beancount's rules and never collide")
    func names() {
        let players = ["alice", "x_y", "x-y", "x.y", "_x", "-x", ".x", "x-hy", "xhy", "9lives", "x", "x-x"]
        let accounts = players.enumerated().map { Account(id: Int64($0.offset + 1), name: $0.element, kind: .player, createdAt: 0) }
            + [Account(id: 100, name: "mint", kind: .system, createdAt: 0), Account(id: 101, name: "pool.ore", kind: .system, createdAt: 0)]
        let codes = ["TIX", "ore", "ORE", "Ore", "x_", "9a", "a_very_long_asset_code_of_32_chr", "iron_ingot"]
        let assets = Dictionary(uniqueKeysWithValues: codes.enumerated().map {
            (Int64($0.offset + 1), Asset(code: $0.element, kind: .product, scale: 0))
        })
        let names = ExportNames(accounts: accounts, assets: assets)
        #expect(Set(names.accounts.values).count == accounts.count)
        #expect(Set(names.commodities.values).count == codes.count)
        let component = /[A-Z0-9][A-Za-z0-9-]*/
        for name in names.accounts.values {
            let parts = name.split(separator: ":")
            #expect(["Assets", "Equity", "Expenses"].contains(parts[0]) && parts.dropFirst().allSatisfy { $0.wholeMatch(of: component) != nil }, "\(name)")
        }
        for name in names.commodities.values {
            #expect(name.count <= 24 && name.wholeMatch(of: /[A-Z][A-Z0-9._]*[A-Z0-9]/) != nil, "\(name)")
        }
        #expect(names.accounts[100] == "Equity:Mint" && names.accounts[101] == "Assets:Pools:Ore")
        #expect(names.commodities[1] == "TIX" && names.commodities[2] == "ORE" && names.commodities[3] == "ORE.3"
            && names.commodities[8] == "IRON_INGOT")
    }
}
