/// Uniswap v2's constant-product curve in integers: a pool holding `reserveIn` of what the trader gives
/// and `reserveOut` of what they get pays `out = net·R_out / (R_in + net)` for a net input `net`.
///
/// The fee comes off the gross input first and leaves the pool (`sinks.lua` burns it or pays the
/// treasury), so only `net` enters. Every division rounds in the pool's favour: the fee up, the output
/// down, the input for an exact output up. Hence `k = R_in·R_out` never decreases. Products are taken
/// in `Int128`, which two `Int64` factors cannot overflow. Pure arithmetic: no database, no rules.
struct ConstantProduct {
    static let basisPoints: Int64 = 10_000
    /// Decimals of a spot price beyond a ticket's own, so cheap items still show movement.
    static let priceExtraDecimals = 2

    var reserveIn: Int64
    var reserveOut: Int64
    /// The fee rate on the input, 0 to 9999 basis points.
    var feeBP: Int64

    /// One swap's amounts, each in the units of its side.
    struct Trade: Hashable {
        /// What the trader gives, fee included.
        var gross: Int64
        var fee: Int64
        /// What the trader receives.
        var out: Int64
        /// What enters the pool.
        var net: Int64 { gross - fee }
    }

    /// The fee on a gross input, `ceil(gross·bp / 10000)`: never more than `gross`, as `bp < 10000`.
    func fee(on gross: Int64) -> Int64 {
        Int64(Self.divideRoundingUp(Int128(gross) * Int128(feeBP), Int128(Self.basisPoints)))
    }

    /// The trade that gives exactly `gross`; its output is rounded down and may be zero.
    func exactInput(_ gross: Int64) -> Trade {
        let fee = fee(on: gross)
        let net = Int128(gross - fee)
        return Trade(gross: gross, fee: fee, out: Int64(net * Int128(reserveOut) / (Int128(reserveIn) + net)))
    }

    /// The cheapest trade that receives exactly `out`, or nil when the pool cannot pay it (`out` is not
    /// below `reserveOut`) or its input would not fit in an `Int64`.
    ///
    /// The least net input with `net·R_out / (R_in + net) ≥ out` is `ceil(out·R_in / (R_out − out))`;
    /// since `gross − ceil(gross·bp/10000) = floor(gross·(10000 − bp)/10000)`, the least gross input
    /// leaving that net is `ceil(net·10000 / (10000 − bp))`.
    func exactOutput(_ out: Int64) -> Trade? {
        guard out < reserveOut,
              let net = Int64(exactly: Self.divideRoundingUp(Int128(out) * Int128(reserveIn), Int128(reserveOut - out))),
              let gross = Int64(exactly: Self.divideRoundingUp(
                Int128(net) * Int128(Self.basisPoints), Int128(Self.basisPoints - feeBP)))
        else { return nil }
        return Trade(gross: gross, fee: gross - net, out: out)
    }

    /// Tickets per whole item, `tickets / items` of minor units, rounded down to two decimals more than a
    /// ticket has: `"0.5000"`.
    static func spotPrice(items: Int64, tickets: Int64, itemScale: Int) -> String {
        var scaled = Int128(tickets)
        for _ in 0..<(itemScale + priceExtraDecimals) { scaled *= 10 }
        return Amount.format(scaled / Int128(items), scale: Asset.ticket.scale + priceExtraDecimals)
    }

    /// `ceil(numerator / denominator)` for a numerator ≥ 0 and a denominator > 0.
    private static func divideRoundingUp(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        (numerator + denominator - 1) / denominator
    }
}
