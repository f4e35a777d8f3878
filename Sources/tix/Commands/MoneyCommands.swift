import ArgumentParser
import Engine

struct Mint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Issue new supply: tix mint alice 1000")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var submit: SubmitOptions
    @Argument(help: "Who receives it.") var to: String
    @Argument(help: "How much, e.g. 1000 or 12.50.") var amount: String
    @Option(help: "The asset code.") var asset = Asset.ticket.code
    @Option(help: "A note kept in the journal.") var memo: String?

    func run() async throws {
        try await global.withEngine { engine in
            let units = try engine.reader.parseAmount(amount, asset: asset)
            try await global.submit(.mint(to: to, asset: asset, amount: units, memo: memo), submit, to: engine)
        }
    }
}

struct Transfer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Move funds: tix transfer alice bob 10")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var submit: SubmitOptions
    @Argument(help: "Who pays (and pays the fee).") var from: String
    @Argument(help: "Who receives it.") var to: String
    @Argument(help: "How much, e.g. 10 or 0.25.") var amount: String
    @Option(help: "The asset code.") var asset = Asset.ticket.code
    @Option(help: "A note kept in the journal.") var memo: String?

    func run() async throws {
        try await global.withEngine { engine in
            let units = try engine.reader.parseAmount(amount, asset: asset)
            try await global.submit(
                .transfer(from: from, to: to, asset: asset, amount: units, memo: memo), submit, to: engine)
        }
    }
}

struct Post: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply several movements atomically: tix post alice:bob:10 alice:carol:5:ore")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var submit: SubmitOptions
    @Argument(help: "Legs as FROM:TO:AMOUNT[:ASSET].") var legs: [String]
    @Option(help: "A note kept in the journal.") var memo: String?

    func run() async throws {
        try await global.withEngine { engine in
            let postings = try legs.map { leg in
                let parts = leg.split(separator: ":").map(String.init)
                guard parts.count == 3 || parts.count == 4 else {
                    throw ValidationError("'\(leg)' is not a leg: write FROM:TO:AMOUNT or FROM:TO:AMOUNT:ASSET.")
                }
                let asset = parts.count == 4 ? parts[3] : Asset.ticket.code
                return Posting(
                    from: parts[0], to: parts[1], asset: asset, amount: try engine.reader.parseAmount(parts[2], asset: asset))
            }
            try await global.submit(.post(legs: postings, memo: memo), submit, to: engine)
        }
    }
}
