import Engine
import Foundation

/// `tix play`: the bot's conversation in a terminal, without Telegram. Each player has a private chat
/// with the bot; buttons are numbered and pressed by typing their number; `:user NAME` switches player.
public final class TerminalChat {
    private let conversation: Conversation
    private var player: Person
    /// Every button on show, by its number. A number is never given to another message's button, so it
    /// presses the button it was shown beside, however many messages came since.
    private var shown: [Int: Shown] = [:]
    /// The numbers of each message's buttons: a message shown again in place (a tap loop) keeps them.
    private var numbers: [Int64: [Int]] = [:]
    private var lastNumber = 0
    private var lastMessage: Int64 = 0
    /// The last finished craft announced: crafters hear of theirs here as they do from the bot.
    private var crafts: (seq: Int64, job: Int64)

    private struct Shown {
        var chat: Int64
        var message: Int64
        var data: String
    }

    public init(engine: Engine, user: String) throws {
        conversation = try Conversation(engine: engine, botName: "tixbot")
        player = Self.person(user)
        crafts = try engine.reader.lastFinishedCraft()
    }

    public var prompt: String { "\(player.username ?? "?")> " }

    public static let banner = Texts.Terminal.banner

    /// What the player typed, answered as the bot would in Telegram, after the crafts that finished
    /// since (an empty line shows only those); nil when the player quits.
    public func enter(_ line: String) async throws -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text == ":quit" { return nil }
        let news = try self.news()
        if text.isEmpty { return news ?? "" }
        if text.hasPrefix(":user ") {
            player = Self.person(String(text.dropFirst(6)).trimmingCharacters(in: .whitespaces))
            return [news, Texts.Terminal.nowPlaying(player.username ?? "?")].compactMap { $0 }.joined(separator: "\n")
        }
        let action: Incoming.Action
        var pressed: Int64?
        if let number = Int(text) {
            guard let button = shown[number], button.chat == player.id else { return Texts.Terminal.noButton(number) }
            action = .press(button.data)
            pressed = button.message
        } else {
            action = .text(text)
        }
        let incoming = Incoming(
            key: "play-\(UUID().uuidString)", from: player, place: Place(chat: player.id, isGroup: false), action: action,
            messageID: pressed)
        let answer = render(try await conversation.handle(incoming))
        return [news, answer].compactMap { $0 }.joined(separator: "\n")
    }

    /// The notices of crafts finished since the last look, as the bot sends them.
    private func news() throws -> String? {
        let finished = try conversation.services.reader.finishedCrafts(after: crafts.seq, job: crafts.job, limit: ReadyNotifier.batch)
        guard let last = finished.last else { return nil }
        crafts = (last.seq, last.job)
        return render(Response(replies: try conversation.readyNotices(finished)))
    }

    private func render(_ response: Response) -> String {
        var lines = response.notice.map { [Texts.Terminal.notice($0)] } ?? []
        for reply in response.replies {
            let numbers = number(reply, message: reply.replacing ?? next())
            lines.append(Texts.Terminal.message(reply.text, to: reply.chat == player.id ? nil : name(of: reply.chat)))
            var index = 0
            for row in reply.buttons {
                lines.append("   " + row.map { defer { index += 1 }; return "[\(numbers[index])] \($0.label)" }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Numbers the buttons of a message: its own numbers when it is shown again in place, new ones past
    /// every number given so far for any more.
    private func number(_ reply: Reply, message: Int64) -> [Int] {
        let old = numbers[message] ?? []
        for number in old { shown[number] = nil }
        let assigned = reply.buttons.joined().enumerated().map { index, button in
            let number = index < old.count ? old[index] : { lastNumber += 1; return lastNumber }()
            shown[number] = Shown(chat: reply.chat, message: message, data: button.data)
            return number
        }
        numbers[message] = assigned
        return assigned
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
