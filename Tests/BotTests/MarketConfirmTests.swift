import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("Market orders: the fee before Confirm, the money after a fill")
struct MarketConfirmTests {
    @Test("the Confirm screen shows the market fee; a fill says what was paid or got, and what came back")
    func feesAndFills() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 401, username: "alice", firstName: "Alice")
            let carol = Player(stage, id: 403, username: "carol", firstName: "Carol")
            try await alice.send("/start")
            try await carol.send("/start")
            try await stage.admin(.defineAsset(Asset(code: "sword", kind: .product, scale: 0)))
            try await stage.admin(.mint(to: "carol", asset: "sword", amount: 3))
            try await stage.admin(.mint(to: "alice", asset: "TIX", amount: 5000))
            try await carol.send("/sell sword 2 4.50")

            // Buying by button: the seller pays the 1 % fee, and the screen says so.
            let book = try await alice.send("/book sword")
            #expect(book.text?.contains("2 sword at 4.50 TIX — Carol") == true, "book lines name the owner")
            let question = try #require(try await alice.press("Buy 1 at 4.50 TIX", on: book).message)
            #expect(question.text == "Buy 1 sword at 4.50 TIX each? Trades now: 1 sword.\nMarket fee on that: 0.04 TIX, paid by the seller.")
            let bought = try #require(try await alice.press("✅ Confirm", on: question).message)
            #expect(bought.text?.hasSuffix("\nPaid 4.50 TIX for 1 sword.") == true)

            // Bidding above the ask: the fill is at the seller's price and the difference comes back.
            let typed = try await alice.send("/buy sword 1 5")
            #expect(typed.text?.hasSuffix("\nPaid 4.50 TIX for 1 sword; 0.50 TIX came back to you: they sold below your price.") == true)
            #expect(try stage.tickets("alice") == 5000 - 900, "two swords at 4.50 each")

            // Selling into a bid by button: the fee comes out of what the seller gets.
            try await alice.send("/buy sword 1 4")
            let carolBook = try await carol.send("/book sword")
            let sale = try #require(try await carol.press("Sell 1 at 4.00 TIX", on: carolBook).message)
            #expect(sale.text == "Sell 1 sword at 4.00 TIX each? Trades now: 1 sword.\nMarket fee on that: 0.04 TIX, out of what you get.")
            let sold = try #require(try await carol.press("✅ Confirm", on: sale).message)
            #expect(sold.text?.hasSuffix("\nYou got 3.96 TIX for 1 sword (market fee 0.04 TIX).") == true)
        }
    }
}
