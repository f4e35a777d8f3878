import Engine
import Foundation

/// `tix play`: the bot's conversation in a terminal, without Telegram. Each player has a private chat
/// with the bot; buttons are numbered and pressed by typing their number; `:user NAME` switches player.
public final class TerminalChat {
    private let conversation: Conversation
    private var player: Person
    /// The buttons last shown to each player, and the message they belong to.
    private var keyboards: [Int64: (message: Int64, buttons: [Button])] = [:]
    private var lastMessage: Int64 = 0

    public init(engine: Engine, user: String) throws {
        conversation = try Conversation(engine: engine, botName: "tixbot")
        player = Self.person(user)
    }

    public var prompt: String { "\(player.username ?? "?")> " }

    public static let banner = Texts.Terminal.banner

    /// What the player typed, answered as the bot would in Telegram; nil when the player quits.
    public func enter(_ line: String) async throws -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text == ":quit" { return nil }
        if text.hasPrefix(":user ") {
            player = Self.person(String(text.dropFirst(6)).trimmingCharacters(in: .whitespaces))
            return Texts.Terminal.nowPlaying(player.username ?? "?")
        }
        let action: Incoming.Action
        var pressed: Int64?
        if let number = Int(text), let keyboard = keyboards[player.id] {
            guard keyboard.buttons.indices.contains(number - 1) else { return Texts.Terminal.noButton(number) }
            action = .press(keyboard.buttons[number - 1].data)
            pressed = keyboard.message
        } else {
            action = .text(text)
        }
        let incoming = Incoming(
            key: "play-\(UUID().uuidString)", from: player, place: Place(chat: player.id, isGroup: false), action: action,
            messageID: pressed)
        return render(try await conversation.handle(incoming))
    }

    private func render(_ response: Response) -> String {
        var lines = response.notice.map { [Texts.Terminal.notice($0)] } ?? []
        for reply in response.replies {
            let buttons = reply.buttons.joined()
            let message = reply.replacing ?? next()
            if !buttons.isEmpty { keyboards[reply.chat] = (message, Array(buttons)) }
            lines.append(Texts.Terminal.message(reply.text, to: reply.chat == player.id ? nil : name(of: reply.chat)))
            var number = 0
            for row in reply.buttons where reply.chat == player.id {
                lines.append("   " + row.map { number += 1; return "[\(number)] \($0.label)" }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func next() -> Int64 {
        lastMessage += 1
        return lastMessage
    }

    private func name(of chat: Int64) -> String {
        (try? conversation.services.players.link(user: chat))?.displayName ?? String(chat)
    }

    /// A local player: negative ids, which no Telegram user has, stable for a name across runs.
    private static func person(_ name: String) -> Person {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.lowercased().utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Person(id: -Int64(hash >> 12) - 1, username: name, firstName: name)
    }
}
