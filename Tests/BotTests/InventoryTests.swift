import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("/inventory shows what is the player's but not in hand")
struct InventoryTests {
    @Test("fitted components per factory, and what open orders and running crafts hold in escrow")
    func notInHand() async throws {
        try await withStage { stage in
            _ = try await stage.engine.seedPools(try PoolSeed.read(directory: shippedRules))
            let alice = Player(stage, id: 501, username: "alice", firstName: "Alice")
            try await alice.send("/start")
            @discardableResult
            func submit(_ actor: String, _ command: Command) async throws -> Receipt {
                try await stage.engine.submit(Submission(actor: actor, key: UUID().uuidString, command: command))
            }
            try await submit(Submission.admin, .defineAsset(Asset(code: "forge", kind: .component, scale: 0)))
            try await submit(Submission.admin, .defineAsset(Asset(code: "sword", kind: .product, scale: 0)))
            for (asset, amount) in [("TIX", Int64(20_000)), ("ore", 4), ("forge", 1), ("sword", 3)] {
                try await submit(Submission.admin, .mint(to: "alice", asset: asset, amount: amount))
            }
            let before = try #require(try await alice.send("/inventory").text)
            #expect(before.hasPrefix("🎒 Your items:\n") && !before.contains("🔧") && !before.contains("🔒"), "nothing out of hand yet")

            let factory = try #require(try await submit("alice", .buildFactory(account: "alice", name: "Smithy")).createdID)
            try await submit("alice", .fitComponent(account: "alice", factory: factory, component: "forge"))
            let craft = try #require(try await submit("alice", .startCraft(account: "alice", factory: factory, recipe: "iron_ingot")).createdID)
            let sell = try #require(try await submit("alice", .placeOrder(Order(account: "alice", side: .sell, asset: "sword", quantity: 2, price: 500))).createdID)
            let buy = try #require(try await submit("alice", .placeOrder(Order(account: "alice", side: .buy, asset: "sword", quantity: 1, price: 300))).createdID)
            let inventory = try await alice.send("/inventory")
            #expect(inventory.text == """
                🎒 Your items:
                2 ore
                1 sword

                🔧 Fitted in your factories:
                #\(factory) Smithy: 1 forge

                🔒 Held for your orders and crafts:
                3.00 TIX for order #\(buy) (buy)
                2 sword for order #\(sell) (sell)
                2 ore in craft #\(craft)
                """)
        }
    }
}
