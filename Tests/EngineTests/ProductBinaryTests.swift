import Foundation
import Testing

/// What ships is the product: benchmarks, the load generator and the fake Telegram live in `tix-dev`.
@Suite("The tix binary")
struct ProductBinaryTests {
    @Test("contains no benchmark, load generator or fake Telegram, which tix-dev does", arguments: [
        "LocalTelegram", "LedgerBenchmark", "RuleCallBenchmark", "BotBenchmark", "AckLog",
    ])
    func noDevelopmentTools(symbol: String) throws {
        let product = try Data(contentsOf: CrashTests.built("tix"))
        let tools = try Data(contentsOf: CrashTests.built("tix-dev"))
        #expect(tools.range(of: Data(symbol.utf8)) != nil, "the search finds \(symbol) where it is")
        #expect(product.range(of: Data(symbol.utf8)) == nil, "tix contains \(symbol)")
    }
}
