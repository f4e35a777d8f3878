import Foundation

/// What simulated users do: write, press buttons; and faults to inject.
extension LocalTelegram {
    /// What a user's message became: its update and its id in the chat.
    public struct Sent: Sendable, Hashable {
        public var update: Int64
        public var message: Int64
    }

    /// A user writes `text` in a chat (their private chat by default), maybe replying to a message.
    @discardableResult
    public func say(_ text: String, from user: LocalUser, in chat: LocalChat? = nil, replyingTo: (message: Int64, author: LocalUser)? = nil) -> Sent {
        let chat = chat ?? .privateChat(with: user)
        return state.withLock { state in
            let id = state.lastMessage[chat.id, default: 0] + 1
            state.lastMessage[chat.id] = id
            state.knownChats.insert(chat.id)
            var message: [String: Any] = ["message_id": id, "from": user.json, "chat": chat.json, "date": Self.now, "text": text]
            if let replyingTo {
                message["reply_to_message"] = [
                    "message_id": replyingTo.message, "from": replyingTo.author.json, "chat": chat.json, "date": Self.now,
                ]
            }
            return Sent(update: Self.enqueue(["message": message], in: &state), message: id)
        }
    }

    /// A user sends a file (a recipe `.lua`) to the bot, with an optional caption.
    @discardableResult
    public func sendDocument(named name: String, content: String, caption: String? = nil, from user: LocalUser) -> Sent {
        let chat = LocalChat.privateChat(with: user)
        return state.withLock { state in
            let id = state.lastMessage[chat.id, default: 0] + 1
            state.lastMessage[chat.id] = id
            state.knownChats.insert(chat.id)
            let fileID = "file\(state.files.count + 1)"
            let bytes = Data(content.utf8)
            state.files[fileID] = ("documents/\(fileID).lua", bytes)
            var message: [String: Any] = [
                "message_id": id, "from": user.json, "chat": chat.json, "date": Self.now,
                "document": ["file_id": fileID, "file_unique_id": "u\(fileID)", "file_name": name, "file_size": bytes.count],
            ]
            if let caption { message["caption"] = caption }
            return Sent(update: Self.enqueue(["message": message], in: &state), message: id)
        }
    }

    /// A user presses the button with `data` under a message of the bot's; returns the callback query id.
    @discardableResult
    public func press(_ data: String, on message: Int64, in chat: Int64, by user: LocalUser) -> String {
        state.withLock { state in
            let query = "q\(state.nextUpdate)"
            state.openQueries[query] = .now
            let shown = state.messages[chat]?[message]
            _ = Self.enqueue(
                [
                    "callback_query": [
                        "id": query, "from": user.json, "chat_instance": "c\(chat)", "data": data,
                        "message": Self.message(message, chat: chat, text: shown?.text ?? ""),
                    ] as [String: Any]
                ], in: &state)
            return query
        }
    }

    /// Queues an update body as given (`make` receives the update id): for malformed updates.
    @discardableResult
    public func deliverRaw(_ make: (Int64) -> String) -> Int64 {
        state.withLock { state in
            let id = state.nextUpdate
            state.nextUpdate += 1
            state.queue.append((id, make(id)))
            Self.wakeAll(&state)
            return id
        }
    }

    // MARK: Faults

    /// The next `count` calls of `method` fail with `fault`.
    public func inject(_ fault: Fault, into method: String, count: Int = 1) {
        state.withLock { $0.faults[method, default: []] += Array(repeating: fault, count: count) }
    }

    /// Faults not used yet are forgotten: the API works again.
    public func heal() {
        state.withLock { $0.faults.removeAll() }
    }
}
