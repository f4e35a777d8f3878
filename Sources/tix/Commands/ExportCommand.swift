import ArgumentParser
import Engine
import Foundation

/// `tix export beancount|hledger|csv`: the whole ledger for tools we did not write (docs/exports.md).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the ledger as a beancount or hledger journal (with balance assertions) or as CSV postings.",
        subcommands: [Beancount.self, Hledger.self, CSV.self])

    /// What every export takes: the database, where to write, and the last seq.
    struct Target: ParsableArguments {
        @OptionGroup var global: ReadOptions
        @Option(name: .shortAndLong, help: "The file to write (standard output when absent).") var output: String?
        @Option(help: "Stop after this journal entry; the closing assertions are the balances at that point.")
        var until: Int64?

        func export(_ format: LedgerExport.Format) async throws {
            if let until, until < 1 { throw ValidationError("--until must be a journal seq of at least 1.") }
            try await global.withEngine { engine in
                let handle: FileHandle
                if let output {
                    guard FileManager.default.createFile(atPath: output, contents: nil),
                        let file = FileHandle(forWritingAtPath: output)
                    else {
                        throw ValidationError("Cannot write \(output).")
                    }
                    handle = file
                } else {
                    handle = FileHandle.standardOutput
                }
                defer { if output != nil { try? handle.close() } }
                try LedgerExport.write(format, reader: engine.reader, until: until) { try handle.write(contentsOf: Data($0.utf8)) }
            }
        }
    }

    struct Beancount: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A beancount 3 journal; check it with bean-check.")
        @OptionGroup var target: Target
        func run() async throws { try await target.export(.beancount) }
    }

    struct Hledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An hledger journal; check it with hledger check.")
        @OptionGroup var target: Target
        func run() async throws { try await target.export(.hledger) }
    }

    struct CSV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every posting as a CSV row, for spreadsheets.")
        @OptionGroup var target: Target
        func run() async throws { try await target.export(.csv) }
    }
}
