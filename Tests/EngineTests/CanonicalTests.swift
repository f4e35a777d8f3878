import Foundation
import TestSupport
import Testing
@testable import Engine

@Suite("Canonical encoding")
struct CanonicalTests {
    @Test("sorted keys, no whitespace, escapes; JSONDecoder reads it back")
    func generic() throws {
        let command = Command.transfer(from: "a\"b", to: "c\\d", asset: "TIX", amount: -5, memo: "line\nbreak é")
        let text = try Canonical.encode(command)
        #expect(text == #"{"transfer":{"amount":-5,"asset":"TIX","from":"a\"b","memo":"line\u000abreak é","to":"c\\d"}}"#)
        #expect(try Canonical.decode(Command.self, from: text) == command)
    }

    @Test("the receipt's own writer gives exactly the generic encoder's bytes", arguments: [0, 1, 2, 3] as [UInt64])
    func receiptWriterMatchesGeneric(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        for _ in 0..<50 {
            let receipt = Receipt(
                seq: .random(in: 1...Int64.max, using: &rng), at: .random(in: 0...Int64.max, using: &rng),
                postings: (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                    Posting(
                        id: .random(in: 1...1_000_000, using: &rng), from: ["mint", "a\"x", "é"].randomElement(using: &rng)!,
                        to: "to\\\(rng.next() % 10)", asset: ["TIX", "ore"].randomElement(using: &rng)!,
                        amount: .random(in: Int64.min...Int64.max, using: &rng))
                },
                createdID: Bool.random(using: &rng) ? .random(in: 1...99, using: &rng) : nil)
            let generic = try CanonicalEncoder().encode(receipt)
            #expect(Canonical.encode(receipt) == generic)
            #expect(try Canonical.decode(Receipt.self, from: generic) == receipt)
        }
    }

    @Test("floating point is refused")
    func noFloats() {
        #expect(throws: EncodingError.self) { try Canonical.encode(["x": 1.5]) }
    }
}
