import Engine
import Logging

/// Turns Telegram updates into turns of the conversation, and their responses into Bot API requests.
struct UpdateHandler: Sendable {
    let conversation: Conversation
    let logger: Logger

    /// Handles a batch: each user's updates in order, different users' at the same time (so the engine
    /// commits them together). Throws if an update could not be handled; then nothing of the batch may
    /// be confirmed, and handling it again is safe.
    func handle(_ updates: [ReceivedUpdate]) async throws -> [Outgoing] {
        var byUser: [Int64: [ReceivedUpdate]] = [:]
        for update in updates { byUser[update.update?.sender?.id ?? 0, default: []].append(update) }
        let answered = try await withThrowingTaskGroup(of: [(Int64, [Outgoing])].self) { group in
            for queue in byUser.values {
                group.addTask {
                    var answered: [(Int64, [Outgoing])] = []
                    for update in queue { answered.append((update.id, try await handle(update))) }
                    return answered
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return answered.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }

    /// One update; an update the bot does not read (malformed, from a bot, an edit, a channel post)
    /// is skipped and confirmed with the rest.
    func handle(_ received: ReceivedUpdate) async throws -> [Outgoing] {
        guard let update = received.update, let incoming = Incoming(update) else {
            logger.debug("update skipped", metadata: ["update": "\(received.id)"])
            return []
        }
        let response = try await conversation.handle(incoming)
        return try Outgoing.requests(for: response, in: incoming.place.chat, callbackQuery: update.callbackQuery?.id)
    }
}

extension Update {
    /// Who sent it: the author of a message, the presser of a button.
    var sender: User? { message?.from ?? callbackQuery?.from }
}

extension Incoming {
    /// A message with text, or a press on a button of one of the bot's messages, from a person.
    init?(_ update: Update) {
        let key = "tg-update-\(update.updateId)"
        if let message = update.message, let text = message.text, let user = message.from, !user.isBot {
            self.init(
                key: key, from: Person(user), place: Place(message.chat), action: .text(text), messageID: message.messageId,
                repliedTo: message.replyToMessage?.from.map(Person.init))
        } else if let query = update.callbackQuery, let data = query.data, let message = query.message, !query.from.isBot {
            self.init(
                key: key, from: Person(query.from), place: Place(message.chat), action: .press(data), messageID: message.messageId)
        } else {
            return nil
        }
    }
}

extension Person {
    init(_ user: User) { self.init(id: user.id, username: user.username, firstName: user.firstName) }
}

extension Place {
    init(_ chat: Chat) { self.init(chat: chat.id, isGroup: chat.type != "private") }
}
