import Foundation

/// Recording calls, waking waiters, and the JSON of the simulated API.
extension LocalTelegram {
    /// The latest calls in short, to say what the bot did last when it did not do what was expected.
    var lastCalls: String {
        calls.suffix(8).map { "#\($0.index) \($0.method) \($0.chat.map(String.init) ?? "") \($0.status): \($0.text ?? "")" }
            .joined(separator: " | ")
    }

    func record(_ method: String, _ parameters: [String: Any], status: Int, message: Int64? = nil, via route: String) {
        let number = { (key: String) in (parameters[key] as? NSNumber)?.int64Value }
        state.withLock { state in
            state.calls.append(BotCall(
                index: state.calls.count, method: method, chat: number("chat_id"), messageID: message ?? number("message_id"),
                text: parameters["text"] as? String, buttons: Self.buttons(parameters),
                quoting: ((parameters["reply_parameters"] as? [String: Any])?["message_id"] as? NSNumber)?.int64Value,
                callbackQueryID: parameters["callback_query_id"] as? String, status: status, at: .now, route: route))
            if method == "sendMessage" && status == 200 { state.delivered += 1 }
            Self.wakeAll(&state)
        }
    }

    /// Suspends until something changes after `version` (an update queued, a call recorded) or
    /// `deadline` passes.
    func changed(since version: Int, before deadline: ContinuousClock.Instant) async {
        let id = UUID()
        await withCheckedContinuation { (wake: CheckedContinuation<Void, Never>) in
            let waiting = state.withLock { state in
                guard state.version == version else { return false }
                state.waiters[id] = Waiter(wake: wake)
                return true
            }
            guard waiting else { return wake.resume() }
            let timer = Task {
                try? await Task.sleep(until: deadline)
                state.withLock { $0.waiters.removeValue(forKey: id) }?.wake.resume()
            }
            let woken = state.withLock { state in
                state.waiters[id]?.timer = timer
                return state.waiters[id] == nil
            }
            if woken { timer.cancel() }
        }
    }

    static func wakeAll(_ state: inout State) {
        state.version += 1
        for waiter in state.waiters.values {
            waiter.timer?.cancel()
            waiter.wake.resume()
        }
        state.waiters.removeAll()
    }

    static func enqueue(_ content: [String: Any], in state: inout State) -> Int64 {
        let id = state.nextUpdate
        state.nextUpdate += 1
        state.queue.append((id, json(content.merging(["update_id": id]) { $1 })))
        wakeAll(&state)
        return id
    }

    static func buttons(_ parameters: [String: Any]) -> [[BotCall.Button]] {
        let rows = (parameters["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]] ?? []
        return rows.map { $0.map { BotCall.Button(label: $0["text"] as? String ?? "", data: $0["callback_data"] as? String ?? "") } }
    }

    static func message(_ id: Int64, chat: Int64, text: String) -> [String: Any] {
        ["message_id": id, "from": botUser.json.merging(["is_bot": true]) { $1 }, "chat": LocalChat(id: chat).json, "date": now, "text": text]
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }

    static func error(_ code: Int, _ description: String) -> String {
        json(["ok": false, "error_code": code, "description": description])
    }

    static func json(_ object: Any) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }
}
