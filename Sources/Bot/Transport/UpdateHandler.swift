import Foundation
import Engine
import Logging

/// Turns Telegram updates into turns of the conversation, and their responses into Bot API requests.
struct UpdateHandler: Sendable {
    let conversation: Conversation
    let clock: any EngineClock
    let logger: Logger
    /// Fetches a file a user sent, by its `file_id` (`getFile`, then the download).
    let download: @Sendable (String) async throws -> Data
    /// Failed handlings of updates not confirmed yet.
    private let failures = FailureCount()

    /// The largest file fetched: a recipe proposal's limit.
    static let maxDocument: Int64 = 65_536

    init(conversation: Conversation, clock: any EngineClock, logger: Logger, download: @escaping @Sendable (String) async throws -> Data) {
        self.conversation = conversation
        self.clock = clock
        self.logger = logger
        self.download = download
    }

    /// What a batch came to: the requests to store, and the updates set aside.
    struct Handled: Sendable {
        var requests: [Outgoing] = []
        var deadLetters: [DeadLetter] = []
    }

    /// Handles a batch: each user's updates in order, different users' at the same time (so the engine
    /// commits them together). Throws if an update could not be handled; then nothing of the batch may
    /// be confirmed, and handling it again is safe. An update whose handling failed
    /// ``DeadLetter/limit`` times is set aside instead (logged, its sender told), so it no longer holds
    /// up the others. Call ``confirmed(_:)`` once the result is stored.
    func handle(_ updates: [ReceivedUpdate]) async throws -> Handled {
        var byUser: [Int64: [ReceivedUpdate]] = [:]
        for update in updates { byUser[update.update?.sender?.id ?? 0, default: []].append(update) }
        let answered = try await withThrowingTaskGroup(of: [(Int64, Handled)].self) { group in
            for queue in byUser.values {
                group.addTask {
                    var answered: [(Int64, Handled)] = []
                    for update in queue { answered.append((update.id, try await handleOrSetAside(update))) }
                    return answered
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return answered.sorted { $0.0 < $1.0 }.reduce(into: Handled()) { batch, one in
            batch.requests += one.1.requests
            batch.deadLetters += one.1.deadLetters
        }
    }

    /// The batch is stored: its failures are forgotten.
    func confirmed(_ updates: [ReceivedUpdate]) {
        failures.forget(updates.map(\.id))
    }

    private func handleOrSetAside(_ received: ReceivedUpdate) async throws -> Handled {
        do {
            return Handled(requests: try await handle(received))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let attempts = failures.add(received.id)
            guard attempts >= DeadLetter.limit, let update = received.update, let incoming = Incoming(update) else { throw error }
            let letter = DeadLetter(
                updateID: received.id, chat: incoming.place.chat, user: incoming.from.id, content: incoming.action.summary,
                error: "\(error)", attempts: attempts, at: clock.now())
            logger.error(
                "update set aside as a dead letter after \(attempts) failed attempts",
                metadata: ["update": "\(letter.updateID)", "chat": "\(incoming.place.chat)", "error": "\(error)"])
            let apology = switch incoming.action {
            case .text, .document: Response(replies: [Reply(chat: incoming.place.chat, text: Texts.setAside)])
            case .press: Response(notice: Texts.setAside)
            }
            return Handled(
                requests: try Outgoing.requests(for: apology, in: incoming.place.chat, callbackQuery: update.callbackQuery?.id),
                deadLetters: [letter])
        }
    }

    /// One update; an update the bot does not read (malformed, from a bot, an edit, a channel post)
    /// is skipped and confirmed with the rest.
    func handle(_ received: ReceivedUpdate) async throws -> [Outgoing] {
        guard let update = received.update, var incoming = Incoming(update) else {
            logger.debug("update skipped", metadata: ["update": "\(received.id)"])
            return []
        }
        if case .document(let name, nil, let caption) = incoming.action, let document = update.message?.document,
            name.hasSuffix(".lua"), (document.fileSize ?? 0) <= Self.maxDocument
        {
            let data = try await download(document.fileId)
            if data.count <= Self.maxDocument {
                incoming.action = .document(name: name, source: String(decoding: data, as: UTF8.self), caption: caption)
            }
        }
        let response = try await conversation.handle(incoming)
        return try Outgoing.requests(for: response, in: incoming.place.chat, callbackQuery: update.callbackQuery?.id)
    }
}

extension Incoming.Action {
    /// What the user sent, for a dead letter.
    var summary: String {
        switch self {
        case .text(let text): text
        case .press(let data): "button: \(data)"
        case .document(let name, _, _): "file: \(name)"
        }
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
        } else if let message = update.message, let document = message.document, let user = message.from, !user.isBot {
            self.init(
                key: key, from: Person(user), place: Place(message.chat),
                action: .document(name: document.fileName ?? "", source: nil, caption: message.caption), messageID: message.messageId)
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
