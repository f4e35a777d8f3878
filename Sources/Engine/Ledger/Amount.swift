/// Money and item quantities as exact integers.
///
/// Every amount in the engine is an `Int64` count of an asset's *minor units*. Tickets have two decimal
/// places (1 ticket = 100 minor units, so fees of a fraction of a ticket stay exact); items have none.
/// Conversions to and from text go through the asset's `scale`, digit by digit: no floating point ever
/// touches a balance.
public enum Amount {
    /// Parses a decimal such as `"12"`, `"12.5"` or `"0.01"` into minor units of an asset with `scale`
    /// decimals. Returns nil for anything else: signs, exponents, extra decimals, or overflow.
    public static func parse(_ text: String, scale: Int) -> Int64? { try? read(text, scale: scale) }

    /// The same, saying what is wrong with a text that is not an amount, so a player hears the real problem.
    public static func read(_ text: String, scale: Int) throws(Problem) -> Int64 {
        if text.hasPrefix("-") || text.hasPrefix("\u{2212}"), parse(String(text.dropFirst()), scale: scale) != nil {
            throw .negative
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { throw .notANumber }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { throw .notANumber }
        guard fraction.count <= scale else { throw .tooManyDecimals }
        var value: Int64 = 0
        for digit in whole + fraction.padding(toLength: scale, withPad: "0", startingAt: 0) {
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.addingReportingOverflow(Int64(digit.asciiValue! - 48))
            if o1 || o2 { throw .tooLarge }
            value = next
        }
        return value
    }

    /// Why a text is not an amount.
    public enum Problem: Error, Hashable, Sendable {
        case notANumber, negative, tooManyDecimals, tooLarge
    }

    /// Renders minor units with the asset's decimals, e.g. `1250` at scale 2 as `"12.50"`. Any integer
    /// type, so that wider figures (a pool's price) render the same way.
    public static func format<Value: BinaryInteger>(_ value: Value, scale: Int) -> String {
        guard scale > 0 else { return String(value) }
        let magnitude = value.magnitude
        var unit: Value.Magnitude = 1
        for _ in 0..<scale { unit *= 10 }
        let fraction = String(magnitude % unit)
        let padded = String(repeating: "0", count: scale - fraction.count) + fraction
        return (value < 0 ? "-" : "") + String(magnitude / unit) + "." + padded
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
