import Bot
import Engine
import Foundation
import LocalTelegram
import Testing

@Suite("The bot, end to end through a local Telegram")
struct ConversationTests {
    @Test("the history is the player's story, ten lines a page, and More shows the older ones")
    func historyPages() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 101, username: "alice", firstName: "Alice")
            try await alice.send("/start")
            for whole in 1...12 { try await stage.admin(.mint(to: "alice", asset: "TIX", amount: Int64(whole) * 100)) }
            let first = try await alice.send("/history")
            let newest = try #require(first.text)
            #expect(newest.contains("  Received 12.00 TIX from the mint\n") && !newest.contains("  Received 2.00 TIX from the mint"), "\(newest)")
            #expect(newest.components(separatedBy: " from the mint\n").count - 1 == 10)
            let more = try #require(try await alice.press("⬇️ More", on: first).message)
            let older = try #require(more.text)
            #expect(older.contains("  Received 2.00 TIX from the mint\n") && older.contains("  Received 1.00 TIX from the mint\n"), "\(older)")
            #expect(!older.contains("Received 3.00 TIX") && more.button("⬇️ More") == nil, "\(older)")
        }
    }

    @Test("players join, tap, claim, pay three ways, trade, read their history, and bad input changes nothing")
    func scriptedGame() async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 101, username: "Alice_W", firstName: "Alice")
            let bob = Player(stage, id: 102, username: "bob", firstName: "Bob")
            let carol = Player(stage, id: 103, username: nil, firstName: "Carol")
            let mallory = Player(stage, id: 104, username: "mint", firstName: "Mallory")

            // Joining: the username when valid and free, else tg<id>; an invitation tells the inviter.
            let welcome = try await alice.send("/start")
            #expect(welcome.text?.contains("alice_w") == true)
            #expect(welcome.button("🎯 Tap") != nil && welcome.button("🏪 Market") != nil)
            #expect(try stage.engine.reader.account(named: "alice_w")?.kind == .player)
            try await carol.send("/start")
            #expect(try stage.engine.reader.account(named: "tg103") != nil)
            try await mallory.send("/start")
            #expect(try stage.engine.reader.account(named: "tg104") != nil, "the system account 'mint' is never linked")
            let mark = stage.telegram.callCount
            try await bob.send("/start ref-101")
            let invited = try await stage.telegram.waitForCall(after: mark) { $0.chat == 101 && $0.method == "sendMessage" }
            #expect(invited.text?.contains("Bob joined") == true)
            let journaled = try stage.engine.reader.journal(from: 1, limit: 1_000).map(\.command)
            #expect(journaled.contains(#"{"nameInviter":{"account":"bob","inviter":"alice_w"}}"#), "the ledger knows who invited bob")
            let again = try await bob.send("/start")
            #expect(again.text?.contains("Welcome back") == true)

            // Tapping: the same button again and again, the message updated in place.
            var tapped = try await alice.press("🎯 Tap", on: welcome)
            var message = try #require(tapped.message)
            #expect(message.method == "editMessageText" && message.messageID == welcome.messageID)
            #expect(message.text?.contains("streak 1") == true)
            let afterOneTap = try stage.tickets("alice_w")
            #expect((5...10).contains(afterOneTap))
            tapped = try await alice.press("🎯 Tap again", on: message)
            #expect(tapped.notice?.contains("not ready yet") == true)
            #expect(try stage.tickets("alice_w") == afterOneTap)
            stage.clock.advance(by: 10_000)
            message = try #require(try await alice.press("🎯 Tap again", on: message).message)
            #expect(message.text?.contains("streak 2") == true)

            // The daily gift, typed or pressed.
            let daily = try await alice.send("/daily")
            #expect(daily.text?.contains("+10.00 TIX") == true && daily.text?.contains("day 1") == true)
            let bobMenu = try await bob.send("/menu")
            #expect(try await bob.press("🎁 Daily", on: bobMenu).message?.text?.contains("+10.00 TIX") == true)
            let balance = try #require(try await alice.press("💰 Balance", on: try await alice.send("/menu")).message)
            let aliceTickets = try stage.tickets("alice_w")
            #expect(balance.text == "💰 Alice: \(Amount.format(aliceTickets, scale: 2)) TIX")

            // Paying by @username: the fee is shown first; only the payer's Confirm pays, once.
            let entriesBefore = try stage.entries()
            let question = try await alice.send("/pay @bob 5 lunch")
            let fee = try #require(question.text?.split(separator: "\n").first { $0.hasPrefix("Fee: ") })
            #expect(try stage.entries() == entriesBefore, "a question changes nothing")
            #expect(try await bob.press("✅ Confirm", on: question).notice == "This button is not yours.")
            let beforeConfirm = stage.telegram.callCount
            let paid = try #require(try await alice.press("✅ Confirm", on: question).message)
            #expect(paid.text?.hasPrefix("✅ Paid 5.00 TIX to Bob") == true)
            let feeAmount = try stage.engine.reader.parseAmount(String(fee.dropFirst(5).prefix { $0 != " " }), asset: "TIX")
            #expect(try stage.tickets("alice_w") == aliceTickets - 500 - feeAmount, "the fee charged is the fee shown")
            let notified = try await stage.telegram.waitForCall(after: beforeConfirm) { $0.chat == 102 && $0.method == "sendMessage" }
            #expect(notified.text == "📥 You received 5.00 TIX from Alice.\n“lunch”")
            #expect(try await alice.press("✅ Confirm", on: question).notice == "That is done already.")
            #expect(try stage.tickets("alice_w") == aliceTickets - 500 - feeAmount)

            // Paying by reply in a group, with the command addressed to the bot; another bot's command is
            // not ours: the first answer in the group is to the second command.
            let group = LocalChat(id: -5000)
            let hello = stage.telegram.say("hi all", from: bob.user, in: group)
            stage.telegram.say("/pay@otherbot 1", from: alice.user, in: group)
            let groupQuestion = try await alice.send("/pay@tixbot 1 thanks", in: group, replyingTo: (hello.message, bob.user))
            #expect(groupQuestion.text?.hasPrefix("Pay 1.00 TIX to Bob?") == true)
            #expect(groupQuestion.quoting != nil)
            let bobBefore = try stage.tickets("bob")
            #expect(try await alice.press("✅ Confirm", on: groupQuestion).message?.text?.hasPrefix("✅ Paid 1.00 TIX to Bob") == true)
            #expect(try stage.tickets("bob") == bobBefore + 100)

            // Paying by Telegram id, then cancelling: nothing moves.
            try await carol.send("/start")
            let byID = try await bob.send("/pay 103 2")
            #expect(byID.text?.hasPrefix("Pay 2.00 TIX to Carol?") == true)
            let bobTickets = try stage.tickets("bob")
            #expect(try await bob.press("✖️ Cancel", on: byID).message?.text?.contains("Cancelled") == true)
            #expect(try await bob.press("✅ Confirm", on: byID).notice == "This button no longer works: open the menu again.")
            #expect(try stage.tickets("bob") == bobTickets)

            // Paying without typing: pick the payee, pick the amount, confirm.
            let bobMenuAgain = try await bob.send("/menu")
            let payees = try #require(try await bob.press("💸 Pay", on: bobMenuAgain).message)
            let amounts = try #require(try await bob.press("Alice", on: payees).message)
            let tapQuestion = try #require(try await bob.press("1.00 TIX", on: amounts).message)
            #expect(tapQuestion.text?.hasPrefix("Pay 1.00 TIX to Alice?") == true)
            let beforeTapPay = stage.telegram.callCount
            #expect(try await bob.press("✅ Confirm", on: tapQuestion).message?.text?.hasPrefix("✅ Paid") == true)
            // alice hears of it in her chat, before the answers to what she types next.
            _ = try await stage.telegram.waitForCall(after: beforeTapPay) { $0.chat == 101 && $0.text?.hasPrefix("📥") == true }

            // Every bad input gets a short answer and changes nothing.
            let before = try stage.entries()
            let aliceNow = try stage.tickets("alice_w")
            for (text, answer) in [
                ("/pay @nobody 5", "I know no player called @nobody."),
                ("/pay @bob abc", "'abc' is not an amount of TIX: write digits, e.g. 12 or 12.50."),
                ("/pay @bob 1.001", "'1.001' has too many decimals: TIX has at most 2."),
                ("/pay @bob", "Write it like this: /pay @player AMOUNT [memo]"),
                ("/frobnicate", "There is no /frobnicate command: /help lists them."),
                ("/entry x", "'x' is not a number."),
                ("/cancel 77", "There is no order #77."),
                ("/book shield", "There is no asset called 'shield'."),
            ] {
                #expect(try await alice.send(text).text == answer)
            }
            #expect(try await alice.send("/pay @bob 100000").text?.hasPrefix("Alice has") == true)
            #expect(try await alice.press(data: "ok:99999", on: daily).notice == "This button no longer works: open the menu again.")
            #expect(try await alice.press(data: "gone", on: daily).notice == "This button no longer works: open the menu again.")
            let stranger = Player(stage, id: 999, username: "eve", firstName: "Eve")
            #expect(try await stranger.send("/balance").text == "You have not joined yet: send /start (or press Start).")
            #expect(try stage.entries() == before)
            #expect(try stage.tickets("alice_w") == aliceNow)

            // History and the journal entries behind it; the leaderboard; the invitation link.
            let history = try await alice.send("/history")
            let payment = try #require(paid.text?.split(separator: "#").last?.prefix { $0.isNumber })
            let told = try #require(try stage.engine.reader.story(of: "alice_w", limit: 100).lines.first { "\($0.seq)" == payment })
            #expect(told.text.hasPrefix("Paid "), "\(told.text)")
            #expect(history.text?.contains("#\(payment) ") == true && history.text?.contains("  \(told.text)\n") == true, "\(history.text ?? "")")
            let entry = try await alice.send("/entry \(payment)")
            #expect(entry.text?.contains("by alice_w:\n\(told.text)\n• ") == true, "\(entry.text ?? "")")
            #expect(entry.text?.contains(" from alice_w to the sink") == true && entry.text?.contains("\"transfer\"") == false)
            let top = try await alice.send("/top")
            let richest = try #require(try stage.engine.reader.leaderboard(limit: 1).first)
            let names = ["alice_w": "Alice", "bob": "Bob", "tg103": "Carol", "tg104": "Mallory"]
            #expect(top.text?.split(separator: "\n").dropFirst().first?.hasPrefix("1. \(names[richest.account] ?? richest.account) — ") == true)
            #expect(try await alice.send("/invite").text?.hasSuffix("https://t.me/tixbot?start=ref-101") == true)

            // The market: an order typed with its numbers, the book by buttons, one bought by buttons.
            try await stage.admin(.defineAsset(Asset(code: "sword", kind: .product, scale: 0)))
            try await stage.admin(.mint(to: "tg103", asset: "sword", amount: 3))
            let sell = try await carol.send("/sell sword 2 4.50")
            #expect(sell.text == "✅ Order #1: sell 2 sword at 4.50 TIX. Traded now: 0 sword; on the book: 2 sword.")
            let market = try await alice.send("/market")
            #expect(market.text?.contains("sword: sells from 4.50 TIX, buys up to —") == true)
            let book = try #require(try await alice.press("sword", on: market).message)
            let buyQuestion = try #require(try await alice.press("Buy 1 at 4.50 TIX", on: book).message)
            #expect(buyQuestion.text?.hasPrefix("Buy 1 sword at 4.50 TIX each? Trades now: 1 sword.") == true)
            let beforeBuy = stage.telegram.callCount
            let bought = try #require(try await alice.press("✅ Confirm", on: buyQuestion).message)
            #expect(bought.text?.contains("Traded now: 1 sword; on the book: 0 sword.") == true)
            let proceeds = try await stage.telegram.waitForCall(after: beforeBuy) { $0.chat == 103 && $0.method == "sendMessage" }
            #expect(proceeds.text == "📥 You received 4.46 TIX from the market.", "4.50 less the 1 % market fee")
            #expect(try await alice.send("/inventory").text == "🎒 Your items:\n1 sword")
            let orders = try await carol.send("/orders")
            #expect(orders.text == "📋 Your open orders:\n#1 sell 1 sword at 4.50 TIX")
            let cancelled = try #require(try await carol.press("Cancel #1", on: orders).message)
            #expect(cancelled.text == "✖️ Order #1 cancelled. Back to you: 1 sword.")
            #expect(try await carol.send("/cancel 1").text == "Order #1 is already cancelled.")
            #expect(try stage.engine.reader.balance(of: "tg103", asset: "sword") == 2)

            // Help lists every command; Telegram's command menu has them too.
            let help = try await bob.send("/help")
            for command in ["start", "tap", "daily", "balance", "inventory", "history", "entry", "top", "pay", "market", "book", "buy", "sell", "orders", "cancel", "invite"] {
                #expect(help.text?.contains("/\(command)") == true, "/help misses /\(command)")
                #expect(stage.telegram.commands.contains(command))
            }
            #expect(try stage.engine.reader.invariantViolations() == [])
        }
    }
}
