import ArgumentParser
import Engine
import Foundation

struct Balance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what an account holds: tix balance alice")
    @OptionGroup var global: ReadOptions
    @Argument(help: "The account.") var account: String

    func run() async throws {
        let holdings = try await global.withEngine { try $0.reader.balances(of: account) }
        Output.emit(Dictionary(uniqueKeysWithValues: holdings.map { ($0.asset.code, $0.amount) }), json: global.json) {
            holdings.isEmpty
                ? "\(account) holds nothing yet."
                : holdings.map { "\(Amount.format($0.amount, scale: $0.asset.scale))\t\($0.asset.code)" }
                    .joined(separator: "\n")
        }
    }
}

struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "An account's story, newest first: one sentence per journal entry that moved its balances.")
    @OptionGroup var global: ReadOptions
    @Argument(help: "The account.") var account: String
    @Option(help: "How many entries.") var limit = 20
    @Option(help: "Only entries older than this journal entry (the cursor the previous page prints).") var before: Int64?
    @Flag(help: "Show each entry's postings under its sentence.") var postings = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        let (page, scales) = try await global.withEngine { engine in
            (try engine.reader.story(of: account, limit: limit, before: before), try engine.scales())
        }
        Output.emit(page.lines, json: global.json) {
            guard !page.lines.isEmpty else { return "\(account) has no history\(before == nil ? "" : " before #\(before!)") yet." }
            let lines = page.lines.map { line in
                "#\(line.seq)\t\(Date(timeIntervalSince1970: Double(line.at) / 1000).formatted(.iso8601))\t\(line.text)"
                    + (postings ? line.postings.map { "\n\t\t" + Output.describe($0, scale: scales[$0.asset] ?? 0) }.joined() : "")
            }
            return (lines + (page.next.map { ["Older: tix history \(account) --before \($0)"] } ?? [])).joined(separator: "\n")
        }
    }
}

struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: "Print journal entries: every applied command, hash-chained.")
    @OptionGroup var global: ReadOptions
    @Option(help: "First sequence number.") var from: Int64 = 1
    @Option(help: "How many entries.") var limit = 20

    func run() async throws {
        let entries = try await global.withEngine { try $0.reader.journal(from: from, limit: limit) }
        if global.json {
            print(Output.encode(entries.map {
                ["seq": "\($0.seq)", "format": "\($0.format.rawValue)", "at": "\($0.at)", "actor": $0.actor, "key": $0.key,
                 "command": $0.command, "result": $0.result, "rules": $0.rules, "hash": $0.hashHex]
            }))
        } else {
            for entry in entries {
                print("#\(entry.seq) \(entry.actor) \(entry.command)\n    → \(entry.result)")
                if !entry.rules.isEmpty { print("    rules \(entry.rules)") }
                print("    hash \(entry.hashHex)" + (entry.format == .current ? "" : " (journal format \(entry.format.rawValue))"))
            }
        }
    }
}

struct SupplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supply", abstract: "Issued, burned and circulating amounts of every asset.")
    @OptionGroup var global: ReadOptions
    @Flag(help: "Show instead where each kind of fee, tax and price went: burned, the treasury, or an org.") var fees = false

    func run() async throws {
        if fees { return try await showFees() }
        let (supplies, scales) = try await global.withEngine { (try $0.reader.supply(), try $0.scales()) }
        Output.emit(supplies, json: global.json) {
            supplies.map { supply in
                let amount = { (value: Int64) in Amount.format(value, scale: scales[supply.asset] ?? 0) }
                return "\(supply.asset)\tissued \(amount(supply.issued))\tburned \(amount(supply.burned))"
                    + "\tcirculating \(amount(supply.circulating))"
            }.joined(separator: "\n")
        }
    }

    private func showFees() async throws {
        let (flows, scales) = try await global.withEngine { (try $0.reader.feeFlows(), try $0.scales()) }
        Output.emit(flows, json: global.json) {
            flows.isEmpty ? "No fees yet." : flows.map { flow in
                let whither = flow.destination == Account.sink ? "burned" : "to \(flow.destination)"
                return "\(flow.source)\t\(Amount.format(flow.amount, scale: scales[flow.asset] ?? 0)) \(flow.asset)\t\(whither)"
            }.joined(separator: "\n")
        }
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the hash chain, replay the journal into a fresh state, compare, check invariants.")
    @OptionGroup var global: ReadOptions

    func run() async throws {
        try global.requireDatabase()
        let report = try Verifier().verify(path: global.db)
        Output.emit(report, json: global.json) {
            (["entries \(report.entries)", "head hash \(report.headHash)", "state hash \(report.stateHash)"]
                + report.problems.map { "PROBLEM: \($0)" }
                + [report.ok ? "ok" : "FAILED" + (report.firstBadEntry.map { " at entry \($0)" } ?? "")])
                .joined(separator: "\n")
        }
        if !report.ok { throw ExitCode.failure }
    }
}
