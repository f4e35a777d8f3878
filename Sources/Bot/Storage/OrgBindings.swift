import GRDB

/// Which company or state each group chat is bound to (`/bind company acme`), so members act for it
/// there with `/co`. A chat binds one org; binding again replaces it.
struct OrgBindings: Sendable {
    let database: BotDatabase

    func bind(chat: Int64, to org: String) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO bot_org_bindings (chat_id, org) VALUES (?, ?) ON CONFLICT (chat_id) DO UPDATE SET org = excluded.org",
                arguments: [chat, org])
        }
    }

    func org(of chat: Int64) throws -> String? {
        try database.read { try String.fetchOne($0, sql: "SELECT org FROM bot_org_bindings WHERE chat_id = ?", arguments: [chat]) }
    }
}
