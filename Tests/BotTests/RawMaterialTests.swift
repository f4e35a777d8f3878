import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Raw materials from the AMM's pools, through the bot")
struct RawMaterialTests {
    @Test("prices, a quote, a button buy confirmed once however often pressed, and typed trades guarded against slippage")
    func trading() async throws {
        try await withStage { stage in
            _ = try await stage.engine.seedPools(try PoolSeed.read(directory: shippedRules))
            let alice = Player(stage, id: 601, username: "alice", firstName: "Alice")
            let menu = try await alice.send("/start")
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 10_000))
            let ore = { try stage.engine.reader.balance(of: "alice", asset: "ore") }

            // Prices: each pool's spot price in tickets per item, each material a button.
            let prices = try #require(try await alice.press("⛏ Materials", on: menu).message)
            let pools = try stage.engine.reader.pools()
            #expect(pools.count == 4)
            for pool in pools {
                #expect(prices.text?.contains("\n\(pool.asset): \(pool.spotPrice) TIX each (the pool holds ") == true, "\(pool.asset)")
            }
            #expect(prices.text?.contains("ore: 0.5000 TIX each (the pool holds 40000 ore)") == true)

            // A quote is the engine's own and changes nothing.
            let entries = try stage.entries()
            let quote = try await alice.send("/quote buy ore 10")
            let engineQuote = try await stage.engine.quote(
                Swap(account: "alice", asset: "ore", side: .buy, exact: .output, amount: 10, limit: .max), actor: "alice")
            #expect([engineQuote.pays, engineQuote.fee] == [503, 2])
            #expect(quote.text == "10 ore cost 5.03 TIX now (fee 0.02 TIX).\n/buy_raw ore 10 max 5.19 buys them, refused if the price rises further.")
            #expect(try stage.entries() == entries)

            // By buttons: the material, an amount, the quote with its guard 3 % past it, Confirm. A double
            // press pays once; the question's buttons then answer that it is done.
            let material = try #require(try await alice.press("ore", on: prices).message)
            #expect(material.text == "⛏ ore: 0.5000 TIX each. You hold 0 ore.\nBuy or sell how many?")
            #expect(material.button("Sell") == nil, "nothing to sell yet")
            let question = try #require(try await alice.press("Buy 10 ore", on: material).message)
            #expect(question.text == "Buy 10 ore for 5.03 TIX (fee 0.02 TIX)?\nShould the price move first, you pay at most 5.19 TIX.")
            #expect(try stage.entries() == entries)
            let notices = try await alice.pressTwice("✅ Confirm", on: question)
            #expect(notices.filter { $0 == nil }.count == 1 && notices.contains("That is done already."), "\(notices)")
            // A chat's messages go out in order: once a third press is answered, the first one's answer is out.
            #expect(try await alice.press("✅ Confirm", on: question).notice == "That is done already.")
            let bought = stage.telegram.calls.filter { $0.chat == 601 && $0.text?.hasPrefix("✅ Bought") == true }.compactMap(\.text)
            #expect(bought == ["✅ Bought 10 ore for 5.03 TIX (fee 0.02 TIX). Balance: 94.97 TIX."])
            #expect(try stage.tickets("alice") == 10_000 - 503)
            #expect(try ore() == 10)
            #expect(try stage.entries() == entries + 1)

            // Typed with a minimum the pool cannot pay: refused in the engine's words, nothing changes.
            let sellQuote = try await stage.engine.quote(
                Swap(account: "alice", asset: "ore", side: .sell, exact: .input, amount: 5, limit: 1), actor: "alice")
            let refused = try await alice.send("/sell_raw ore 5 min 100")
            #expect(refused.text == "You would get \(Amount.format(sellQuote.receives, scale: 2)) TIX, less than your minimum of 100.00.")
            #expect(try stage.entries() == entries + 1)
            #expect(try ore() == 10 && stage.tickets("alice") == 10_000 - 503)

            // Typed with a minimum it can pay: sold at once, at the quoted figure.
            let sold = try await alice.send("/sell_raw ore 5 min 1.90")
            #expect(sold.text?.hasPrefix("✅ Sold 5 ore for \(Amount.format(sellQuote.receives, scale: 2)) TIX (fee \(sellQuote.fee) ore).") == true)
            #expect(try ore() == 5 && stage.tickets("alice") == 10_000 - 503 + sellQuote.receives)

            // Typed without a guard: quoted and confirmed like a button; cancelling changes nothing.
            let unguarded = try await alice.send("/buy_raw wood 10")
            #expect(unguarded.text?.hasPrefix("Buy 10 wood for ") == true)
            #expect(try await alice.press("✖️ Cancel", on: unguarded).message?.text == "✖️ Cancelled: nothing changed.")
            #expect(try stage.engine.reader.balance(of: "alice", asset: "wood") == 0)

            // A question left too long: its Confirm says so and changes nothing.
            let stale = try await alice.send("/sell_raw ore 2")
            #expect(stale.text?.hasPrefix("Sell 2 ore for ") == true)
            stage.clock.advance(by: 15 * 60 * 1000 + 1)
            #expect(try await alice.press("✅ Confirm", on: stale).notice == "This confirmation has expired: nothing changed. Ask again.")
            #expect(try ore() == 5)

            // Bad input: a short answer, nothing changes.
            let before = try stage.entries()
            for (text, answer) in [
                ("/buy_raw ore 10 5.10", "Write it like this: /buy_raw ITEM QUANTITY [max TICKETS]"),
                ("/sell_raw ore 5 max 1", "Write it like this: /sell_raw ITEM QUANTITY [min TICKETS]"),
                ("/quote swap ore 1", "Write it like this: /quote buy|sell ITEM QUANTITY"),
                ("/buy_raw sword 1 max 5", "There is no asset called 'sword'."),
                ("/sell_raw ore 50 min 1", "Alice has 5 ore but this needs 50 ore."),
            ] {
                #expect(try await alice.send(text).text == answer)
            }
            #expect(try stage.entries() == before)

            let help = try await alice.send("/help")
            for command in ["prices", "quote", "buy_raw", "sell_raw"] {
                #expect(help.text?.contains("/\(command)") == true, "/help misses /\(command)")
                #expect(stage.telegram.commands.contains(command))
            }
            #expect(try stage.engine.reader.invariantViolations() == [])
        }
    }
}
