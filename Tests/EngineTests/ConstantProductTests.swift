import TestSupport
import Testing
@testable import Engine

@Suite("The constant-product curve")
struct ConstantProductTests {
    typealias Trade = ConstantProduct.Trade

    /// Worked by hand: fee = ceil(in·bp/10000), net = in − fee, out = floor(net·R_out / (R_in + net)).
    @Test("exact input: known answers", arguments: [
        // No fee: 100·1000/1100 = 90.9…
        (ConstantProduct(reserveIn: 1000, reserveOut: 1000, feeBP: 0), 100, Trade(gross: 100, fee: 0, out: 90)),
        // 10 tickets into the ore pool: fee 1000·30/10000 = 3 exactly; 997·40000/2000997 = 19.93…
        (ConstantProduct(reserveIn: 2_000_000, reserveOut: 40_000, feeBP: 30), 1000, Trade(gross: 1000, fee: 3, out: 19)),
        // 10.01 tickets: the fee 3.003 rounds up to 4, leaving the same net 997.
        (ConstantProduct(reserveIn: 2_000_000, reserveOut: 40_000, feeBP: 30), 1001, Trade(gross: 1001, fee: 4, out: 19)),
        // 1.60 tickets: fee 0.48 → 1; 159·40000/2000159 = 3.18…
        (ConstantProduct(reserveIn: 2_000_000, reserveOut: 40_000, feeBP: 30), 160, Trade(gross: 160, fee: 1, out: 3)),
        // Selling 5 ore: the fee 0.015 ore rounds up to a whole ore; 4·2000000/40004 = 199.98…
        (ConstantProduct(reserveIn: 40_000, reserveOut: 2_000_000, feeBP: 30), 5, Trade(gross: 5, fee: 1, out: 199)),
        // One minor unit is all fee and buys nothing.
        (ConstantProduct(reserveIn: 2_000_000, reserveOut: 40_000, feeBP: 30), 1, Trade(gross: 1, fee: 1, out: 0)),
    ] as [(ConstantProduct, Int64, Trade)])
    func exactInput(curve: ConstantProduct, gross: Int64, expected: Trade) {
        #expect(curve.exactInput(gross) == expected)
    }

    /// Worked by hand: net = ceil(out·R_in / (R_out − out)), gross = ceil(net·10000 / (10000 − bp)).
    @Test("exact output: known answers", arguments: [
        // 10 ore: net = ceil(20000000/39990) = ceil(500.1…) = 501; gross = ceil(5010000/9970) = ceil(502.5…) = 503.
        (ConstantProduct(reserveIn: 2_000_000, reserveOut: 40_000, feeBP: 30), 10, Trade(gross: 503, fee: 2, out: 10)),
        // No fee: ceil(90·1000/910) = ceil(98.9…) = 99.
        (ConstantProduct(reserveIn: 1000, reserveOut: 1000, feeBP: 0), 90, Trade(gross: 99, fee: 0, out: 90)),
        // A lopsided pool: 1 unit in would buy 500, but the trader asked for 1 and the pool keeps the rest.
        (ConstantProduct(reserveIn: 1, reserveOut: 1000, feeBP: 0), 1, Trade(gross: 1, fee: 0, out: 1)),
        // net ceil(1·1000/999) = 2: one unit in would pay out only 1000/1001 of one.
        (ConstantProduct(reserveIn: 1000, reserveOut: 1000, feeBP: 0), 1, Trade(gross: 2, fee: 0, out: 1)),
        // The highest rate: net ceil(1·999/999) = 1 needs gross ceil(1·10000/1) = 10000.
        (ConstantProduct(reserveIn: 999, reserveOut: 1000, feeBP: 9999), 1, Trade(gross: 10_000, fee: 9999, out: 1)),
    ] as [(ConstantProduct, Int64, Trade)])
    func exactOutput(curve: ConstantProduct, out: Int64, expected: Trade) {
        #expect(curve.exactOutput(out) == expected)
    }

    @Test("exact output refuses what the pool cannot pay and inputs beyond Int64")
    func exactOutputLimits() {
        let curve = ConstantProduct(reserveIn: 2_000_000, reserveOut: 40_000, feeBP: 30)
        #expect(curve.exactOutput(40_000) == nil)
        #expect(curve.exactOutput(40_001) == nil)
        #expect(curve.exactOutput(39_999) == Trade(gross: 80_238_716_149, fee: 240_716_149, out: 39_999))
        // net = (2^63 − 2)·(2^63 − 1) does not fit; nor does a gross 10000 times a fitting net.
        #expect(ConstantProduct(reserveIn: .max, reserveOut: .max, feeBP: 0).exactOutput(.max - 1) == nil)
        #expect(ConstantProduct(reserveIn: .max / 2, reserveOut: 2, feeBP: 9999).exactOutput(1) == nil)
    }

    @Test("the widest figures neither trap nor wrap")
    func extremes() {
        let curve = ConstantProduct(reserveIn: .max, reserveOut: .max, feeBP: 9999)
        let trade = curve.exactInput(.max)
        #expect(trade.fee == Int64.max - Int64.max / 10_000)
        #expect(trade.net == 922_337_203_685_477)
        // floor(net·max / (max + net)), whose product needs 113 bits.
        #expect(trade.out == 922_244_979_187_558)
    }

    @Test("random curves: fee rounds up, output rounds down, k never falls, exact output is the cheapest",
          arguments: [1, 2, 3, 4] as [UInt64])
    func properties(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        for _ in 0..<2000 {
            let magnitude = Int64.random(in: 1...18, using: &rng)
            let scale = (0..<magnitude).reduce(Int64(1)) { value, _ in value * 10 }
            let curve = ConstantProduct(
                reserveIn: .random(in: 1...scale, using: &rng), reserveOut: .random(in: 1...scale, using: &rng),
                feeBP: [0, 1, 30, 100, 9999, .random(in: 0...9999, using: &rng)].randomElement(using: &rng)!)
            let gross = Int64.random(in: 1...scale, using: &rng)
            let trade = curve.exactInput(gross)
            let (rin, rout, bp) = (Int128(curve.reserveIn), Int128(curve.reserveOut), Int128(curve.feeBP))
            // fee = ceil(gross·bp/10000)
            #expect(Int128(trade.fee) * 10_000 >= Int128(gross) * bp)
            #expect(Int128(trade.fee - 1) * 10_000 < Int128(gross) * bp || trade.fee == 0)
            // out = floor(net·R_out / (R_in + net))
            let net = Int128(trade.net)
            #expect(Int128(trade.out) * (rin + net) <= net * rout)
            #expect(Int128(trade.out + 1) * (rin + net) > net * rout)
            #expect((rin + net) * (rout - Int128(trade.out)) >= rin * rout, "k fell")

            let wanted = Int64.random(in: 1...max(1, curve.reserveOut - 1), using: &rng)
            guard wanted < curve.reserveOut, let cheapest = curve.exactOutput(wanted) else { continue }
            #expect(cheapest.out == wanted)
            #expect(cheapest.fee == curve.fee(on: cheapest.gross))
            #expect(curve.exactInput(cheapest.gross).out >= wanted)
            #expect(curve.exactInput(cheapest.gross - 1).out < wanted, "a smaller input would do")
            let after = (rin + Int128(cheapest.net)) * (rout - Int128(wanted))
            #expect(after >= rin * rout, "k fell")
        }
    }

    @Test("spot price: tickets per whole item, rounded down, in integers only", arguments: [
        (40_000 as Int64, 2_000_000 as Int64, 0, "0.5000"),
        (39_981, 2_000_997, 0, "0.5004"),
        (3, 1000, 0, "3.3333"),
        (2000, 2_000_000, 0, "10.0000"),
        (1, .max, 8, "9223372036854775807000000.0000"),
        (.max, 1, 0, "0.0000"),
    ])
    func spotPrice(items: Int64, tickets: Int64, itemScale: Int, expected: String) {
        #expect(ConstantProduct.spotPrice(items: items, tickets: tickets, itemScale: itemScale) == expected)
    }
}
