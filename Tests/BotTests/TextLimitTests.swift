import Bot
import Foundation
import LocalTelegram
import Testing

@Suite("Texts too long for Telegram are cut, not lost")
struct TextLimitTests {
    @Test("a reply echoing a long text is cut to 4096 UTF-16 units between characters, with an ellipsis", arguments: [
        String(repeating: "😀", count: 2047),  // surrogate pairs, one straddling the limit
        String(repeating: "👨‍👩‍👧", count: 511),  // 8 units each, joined by ZWJ
        String(repeating: "e\u{301}", count: 2047),  // a letter and its combining accent
    ])
    func longReply(_ echoed: String) async throws {
        try await withStage { stage in
            let alice = Player(stage, id: 811, username: "alice", firstName: "Alice")
            let command = "a" + echoed
            let full = "There is no /\(command) command: /help lists them."
            let reply = try #require(try await alice.send("/" + command).text)
            #expect(reply.utf16.count <= LocalTelegram.maxText && reply.utf16.count > LocalTelegram.maxText - 8)
            #expect(reply.hasSuffix("…"))
            #expect(full.hasPrefix(reply.dropLast()), "cut inside a character")
        }
    }

    @Test("a button's notice longer than 200 UTF-16 units is cut, so the press is still answered")
    func longNotice() async throws {
        let rules = FileManager.default.temporaryDirectory.appendingPathComponent("tix-rules-\(UUID())")
        try FileManager.default.copyItem(at: shippedRules, to: rules)
        defer { try? FileManager.default.removeItem(at: rules) }
        try """
            function daily(c) return { amount = 1000, streak = 1, wait = 1000 } end
            function tap(c) error("the tap rule is broken: " .. string.rep("much too long ", 30)) end
            """.write(to: rules.appendingPathComponent("rewards.lua"), atomically: true, encoding: .utf8)
        try await withStage(rules: rules) { stage in
            let alice = Player(stage, id: 812, username: "alice", firstName: "Alice")
            let welcome = try await alice.send("/start")
            let notice = try #require(try await alice.press("🎯 Tap", on: welcome).notice)
            #expect(notice.hasPrefix("An economy rule failed, so nothing was changed: ") && notice.contains("the tap rule is broken"))
            #expect(notice.utf16.count <= LocalTelegram.maxNotice && notice.hasSuffix("…"))
        }
    }
}
