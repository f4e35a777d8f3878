import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The Bot API methods as the simulated Telegram carries them out.
extension LocalTelegram {
    func call(_ method: String, _ parameters: [String: Any], via route: String = "") async -> (Int, String) {
        let fault = state.withLock { state in state.faults[method]?.isEmpty == false ? state.faults[method]!.removeFirst() : nil }
        if fault == nil, method == "getUpdates" { return await getUpdates(parameters, via: route) }
        let answer: Answer
        switch fault {
        case .tooManyRequests(let wait):
            answer = Answer(
                status: 429,
                body: Self.json(["ok": false, "error_code": 429, "description": "Too Many Requests: retry after \(wait)",
                                 "parameters": ["retry_after": wait]]))
        case .badGateway:
            answer = Answer(status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>")
        case .unauthorized:
            answer = Answer(failure: 401, "Unauthorized")
        case .serverErrorAfterDoing:
            let done: Answer? = method == "getUpdates" ? nil : perform(method, parameters)
            if done == nil { _ = await getUpdates(parameters, via: route) }
            answer = Answer(failure: 500, "Internal Server Error", sent: done?.sent)
        case nil:
            answer = perform(method, parameters)
        }
        record(method, parameters, status: answer.status, message: answer.sent, via: route)
        return (answer.status, answer.body)
    }

    /// An answer of the API, and the id of the message it sent, if any.
    struct Answer {
        var status: Int
        var body: String
        var sent: Int64?

        init(status: Int, body: String) {
            self.status = status
            self.body = body
        }

        init(_ result: Any, sent: Int64? = nil) {
            self.init(status: 200, body: LocalTelegram.json(["ok": true, "result": result]))
            self.sent = sent
        }

        init(failure code: Int, _ description: String, sent: Int64? = nil) {
            self.init(status: code, body: LocalTelegram.json(["ok": false, "error_code": code, "description": description]))
            self.sent = sent
        }
    }

    func perform(_ method: String, _ parameters: [String: Any]) -> Answer {
        let chat = (parameters["chat_id"] as? NSNumber)?.int64Value
        let text = parameters["text"] as? String
        return state.withLock { state in
            switch method {
            case "getMe":
                return Answer(Self.botUser.json.merging(["is_bot": true]) { $1 })
            case "setMyCommands":
                state.commands = ((parameters["commands"] as? [[String: Any]]) ?? []).compactMap { $0["command"] as? String }
                return Answer(true)
            case "setWebhook":
                guard let url = parameters["url"] as? String else { return Answer(failure: 400, "Bad Request: bad webhook: URL is empty") }
                // http only on loopback, as a local Bot API server allows; Telegram itself wants https.
                guard url.hasPrefix("https://") || url.hasPrefix("http://127.0.0.1:") else {
                    return Answer(failure: 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
                }
                let secret = parameters["secret_token"] as? String ?? ""
                guard secret.utf8.count <= 256, secret.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                    return Answer(failure: 400, "Bad Request: secret token contains unallowed characters")
                }
                state.webhook = (url, secret)
                state.pushers.forEach { $0.cancel() }
                state.pushers.append(Task { await self.pushUpdates() })
                return Answer(true)
            case "deleteWebhook":
                state.webhook = nil
                state.pushers.forEach { $0.cancel() }
                return Answer(true)
            case "sendMessage":
                guard let chat else { return Answer(failure: 400, "Bad Request: chat_id is empty") }
                guard let text, !text.isEmpty else { return Answer(failure: 400, "Bad Request: message text is empty") }
                guard text.utf16.count <= Self.maxText else { return Answer(failure: 400, "Bad Request: message is too long") }
                guard state.knownChats.contains(chat) else {
                    return Answer(failure: 403, "Forbidden: bot can't initiate conversation with a user")
                }
                let id = state.lastMessage[chat, default: 0] + 1
                state.lastMessage[chat] = id
                state.messages[chat, default: [:]][id] = Shown(text: text, buttons: Self.buttons(parameters))
                return Answer(Self.message(id, chat: chat, text: text), sent: id)
            case "editMessageText":
                guard let chat, let id = (parameters["message_id"] as? NSNumber)?.int64Value, let text,
                    let shown = state.messages[chat]?[id]
                else { return Answer(failure: 400, "Bad Request: message to edit not found") }
                guard text.utf16.count <= Self.maxText else { return Answer(failure: 400, "Bad Request: message is too long") }
                let edited = Shown(text: text, buttons: Self.buttons(parameters))
                guard edited != shown else {
                    return Answer(
                        failure: 400,
                        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
                }
                state.messages[chat]![id] = edited
                return Answer(Self.message(id, chat: chat, text: text))
            case "getFile":
                guard let id = parameters["file_id"] as? String, let file = state.files[id] else {
                    return Answer(failure: 400, "Bad Request: invalid file_id")
                }
                return Answer(["file_id": id, "file_unique_id": "u\(id)", "file_size": file.content.count, "file_path": file.path])
            case "answerCallbackQuery":
                guard let id = parameters["callback_query_id"] as? String, let asked = state.openQueries.removeValue(forKey: id),
                    ContinuousClock.now - asked <= Self.callbackQueryLifetime
                else {
                    return Answer(failure: 400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
                }
                if let notice = parameters["text"] as? String, notice.utf16.count > Self.maxNotice {
                    state.openQueries[id] = asked
                    return Answer(failure: 400, "Bad Request: MESSAGE_TOO_LONG")
                }
                return Answer(true)
            default:
                return Answer(failure: 404, "Not Found: method not found")
            }
        }
    }

    /// Confirms what lies below `offset`, then answers at once if updates wait, else holds the request
    /// up to `timeout` seconds for the first to arrive.
    func getUpdates(_ parameters: [String: Any], via route: String) async -> (Int, String) {
        let offset = (parameters["offset"] as? NSNumber)?.int64Value ?? 0
        let limit = min(100, max(1, (parameters["limit"] as? NSNumber)?.intValue ?? 100))
        let deadline = ContinuousClock.now + .seconds((parameters["timeout"] as? NSNumber)?.intValue ?? 0)
        while true {
            let (answer, version): ((Int, String)?, Int) = state.withLock { state in
                if state.webhook != nil {
                    return ((409, Self.error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")), state.version)
                }
                state.queue.removeAll { $0.id < offset }
                guard !state.queue.isEmpty || ContinuousClock.now >= deadline else { return (nil, state.version) }
                return ((200, "{\"ok\":true,\"result\":[" + state.queue.prefix(limit).map(\.body).joined(separator: ",") + "]}"), state.version)
            }
            if let answer {
                record("getUpdates", parameters, status: answer.0, via: route)
                return answer
            }
            await changed(since: version, before: deadline)
        }
    }

    /// Webhook mode: POSTs each update in order with the secret token, until the bot answers 200.
    func pushUpdates() async {
        while !Task.isCancelled {
            let (next, version) = state.withLock { state in
                (state.webhook.flatMap { hook in state.queue.first.map { (hook.url, hook.secret, $0) } }, state.version)
            }
            guard let (url, secret, update) = next else {
                await changed(since: version, before: .now + .seconds(1))
                continue
            }
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = "POST"
            request.httpBody = Data(update.body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue(secret, forHTTPHeaderField: "X-Telegram-Bot-Api-Secret-Token")
            let status = (try? await URLSession.shared.data(for: request).1 as? HTTPURLResponse)?.statusCode
            if status == 200 {
                state.withLock { $0.queue.removeAll { $0.id == update.id } }
            } else {
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
