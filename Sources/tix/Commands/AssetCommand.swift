import ArgumentParser
import Engine

struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "Define and list assets (tickets and item kinds).",
        subcommands: [Define.self, List.self])

    struct Define: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define an item kind: tix asset define ore --kind raw")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var submit: SubmitOptions
        @Argument(help: "The asset code.") var code: String
        @Option(help: "currency, raw, component or product.") var kind: Asset.Kind
        @Option(help: "Decimal places (items have none).") var scale = 0

        func run() async throws {
            try await global.withEngine {
                try await global.submit(.defineAsset(Asset(code: code, kind: kind, scale: scale)), submit, to: $0)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every asset.")
        @OptionGroup var global: ReadOptions

        func run() async throws {
            let assets = try await global.withEngine { try $0.reader.assets() }
            Output.emit(assets, json: global.json) {
                assets.map { "\($0.code)\t\($0.kind.rawValue)\tscale \($0.scale)" }.joined(separator: "\n")
            }
        }
    }
}
