import Testing
@testable import Engine

@Suite("Amounts are exact integers of minor units")
struct AmountTests {
    @Test("decimal text parses digit by digit into minor units", arguments: [
        ("12", 2, Int64(1200)), ("12.5", 2, 1250), ("0.01", 2, 1), ("7", 0, 7), ("9223372036854775807", 0, Int64.max),
    ])
    func parses(text: String, scale: Int, expected: Int64) {
        #expect(Amount.parse(text, scale: scale) == expected)
    }

    @Test("anything else is refused", arguments: [
        ("", 2), ("-1", 2), ("1.234", 2), ("1.", 2), (".5", 2), ("1e3", 2), ("1,5", 2), ("0.5", 0), (" 1", 2),
        ("9223372036854775808", 0), ("92233720368547758.08", 2),
    ])
    func refuses(text: String, scale: Int) {
        #expect(Amount.parse(text, scale: scale) == nil)
    }

    @Test("formatting shows every decimal and round-trips")
    func formats() {
        #expect(Amount.format(1250, scale: 2) == "12.50")
        #expect(Amount.format(5, scale: 2) == "0.05")
        #expect(Amount.format(-5, scale: 2) == "-0.05")
        #expect(Amount.format(42, scale: 0) == "42")
        #expect(Amount.format(Int64.min, scale: 2) == "-92233720368547758.08")
        for value: Int64 in [0, 1, 99, 100, 123_456_789] {
            #expect(Amount.parse(Amount.format(value, scale: 2), scale: 2) == value)
        }
    }
}
