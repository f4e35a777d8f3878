import Engine

/// The bot's brain, independent of transport: takes what a player did and returns what the bot says.
///
/// Telegram's transport and `tix play` both drive it. It holds no economic logic: every change goes
/// through `Engine.submit` (keyed by the incoming key, so handling an update twice changes nothing
/// twice) and every figure comes from the engine's reader.
public final class Conversation: Sendable {
    let services: Services
    private let commands: [String: CommandRoute]
    private let buttons: [String: ButtonRoute]
    private let menu: [[Button]]
    private let help: String

    /// A conversation on `engine`'s database (where the bot keeps its own tables). `botName` is the
    /// bot's username, without `@`.
    public convenience init(engine: Engine, botName: String, clock: any EngineClock = SystemClock()) throws {
        self.init(engine: engine, database: try BotDatabase(path: engine.path), botName: botName, clock: clock)
    }

    init(engine: Engine, database: BotDatabase, botName: String, clock: any EngineClock) {
        services = Services(
            engine: engine, players: Players(database: database), pending: PendingActions(database: database),
            outbox: Outbox(database: database),
            bindings: OrgBindings(database: database),
            assets: AssetCache(reader: engine.reader), clock: clock,
            botName: botName.lowercased())
        let sections = Sections.all
        commands = Dictionary(uniqueKeysWithValues: sections.flatMap(\.commands).map { ($0.name, $0) })
        buttons = Dictionary(uniqueKeysWithValues: sections.flatMap(\.buttons).map { ($0.action, $0) })
        menu = sections.flatMap(\.menu).rows()
        help = Texts.help(sections.flatMap(\.commands).map { ($0.name, $0.arguments, $0.summary) })
    }

    /// The typed commands with their summaries, for Telegram's command menu.
    public var commandList: [(name: String, summary: String)] {
        Sections.all.flatMap(\.commands).map { ($0.name, $0.summary) }
    }

    /// Answers one thing a player did. A refusal (bad input, an engine ``Rejection``) is answered in
    /// words and changes nothing. Other failures (the database, the engine shutting down) throw, so the
    /// transport handles the update again later instead of confirming it.
    public func handle(_ incoming: Incoming) async throws -> Response {
        do {
            switch incoming.action {
            case .text(let text): return try await typed(text, incoming)
            case .press(let data): return try await pressed(data, incoming)
            case .document(let name, let source, let caption):
                let player = try services.players.account(of: incoming.from)
                let request = request(incoming, [], player, joinedNow: false)
                return try respond(try await ParliamentSection.propose(file: name, source: source, title: caption, request), incoming)
            }
        } catch let problem as Problem {
            return refusal(Texts.problem(problem), incoming, buttons: problem == .notRegistered ? [[Texts.startButton]] : [])
        } catch let rejection as Rejection {
            return refusal(services.players.words(for: rejection), incoming)
        }
    }

    private func typed(_ text: String, _ incoming: Incoming) async throws -> Response {
        let group = incoming.place.isGroup
        guard let typed = TypedCommand(text) else {
            // In groups the bot sees only what is meant for it; in private, plain words get the menu.
            return group ? Response() : try respond(Answer(text: Texts.notACommand, buttons: menu), incoming)
        }
        if let addressee = typed.addressee, addressee != services.botName { return Response() }
        guard let route = commands[typed.name] else {
            if group && typed.addressee == nil { return Response() }  // maybe another bot's command
            throw Problem.unknownCommand(typed.name)
        }
        let player = try services.players.account(of: incoming.from)
        return try respond(try await route.run(request(incoming, typed.arguments, player, joinedNow: false)), incoming)
    }

    /// A button press. Pressing any of the game's buttons joins the game: a tapper never types /start.
    private func pressed(_ data: String, _ incoming: Incoming) async throws -> Response {
        let parts = data.split(separator: ":").map(String.init)
        guard let action = parts.first, let route = buttons[action] else { throw Problem.staleButton }
        var player = try services.players.account(of: incoming.from)
        let joinedNow = player == nil
        if joinedNow {
            player = try await Registration(services: services).join(incoming.from, key: incoming.key + "-join").account
        }
        return try respond(try await route.run(request(incoming, Array(parts.dropFirst()), player, joinedNow: joinedNow)), incoming)
    }

    private func request(_ incoming: Incoming, _ arguments: [String], _ player: String?, joinedNow: Bool) -> Request {
        Request(
            incoming: incoming, arguments: arguments, player: player, services: services, joinedNow: joinedNow, menu: menu,
            help: help)
    }

    /// The answer in the asker's chat (in place of the pressed message, or quoting the command in a
    /// group), and the notices in the private chats of the other players concerned.
    private func respond(_ answer: Answer, _ incoming: Incoming) throws -> Response {
        var reply = Reply(chat: incoming.place.chat, text: answer.text, buttons: answer.buttons)
        switch incoming.action {
        case .press: reply.replacing = answer.replacesPressed ? incoming.messageID : nil
        case .text, .document: reply.quoting = incoming.place.isGroup ? incoming.messageID : nil
        }
        var replies = [reply]
        for notice in answer.notices {
            guard let link = try services.players.link(account: notice.account), link.userID != incoming.from.id else { continue }
            replies.append(Reply(chat: link.userID, text: notice.text))
        }
        return Response(replies: replies)
    }

    /// A refusal: a short note over the chat after a button press (nothing else changes), a reply to a
    /// typed command.
    private func refusal(_ text: String, _ incoming: Incoming, buttons: [[Button]] = []) -> Response {
        switch incoming.action {
        case .press: return Response(notice: text)
        case .text, .document:
            return Response(replies: [
                Reply(chat: incoming.place.chat, text: text, buttons: buttons, quoting: incoming.place.isGroup ? incoming.messageID : nil)
            ])
        }
    }
}
