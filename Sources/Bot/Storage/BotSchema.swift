import Engine
import GRDB

/// The bot's own tables, in the engine's database file, under a migrator of its own: the engine knows
/// nothing of Telegram. Not part of the economy (no state hash, no replay).
///
/// The same file, not a second one, because a batch's offset must never be durable without the
/// effects it confirms: the engine commits an update's effects, then the bot commits the offset, and
/// one WAL keeps commits in order through a crash or a power cut (its synchronous = NORMAL loses only
/// the latest ones), and a backup or copy of the one file holds both as of the same moment. Two files
/// could keep a confirmed offset while losing the effects, or restore players' links without the
/// accounts.
///
/// The identifiers "v4 bot" and "v6 bot notices" are those the engine's migrator used to apply: a
/// database from then has them in `grdb_migrations` already and runs only what came after.
enum BotSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Who is which account, the button actions awaiting confirmation, the replies not yet
        // delivered, and the next update to ask Telegram for.
        migrator.registerMigration("v4 bot") { db in
            try db.execute(sql: """
                CREATE TABLE bot_players (
                    user_id INTEGER PRIMARY KEY,
                    account TEXT NOT NULL UNIQUE,
                    username TEXT,
                    referrer TEXT,
                    joined_at INTEGER NOT NULL);
                CREATE INDEX bot_players_by_username ON bot_players(username);
                CREATE TABLE bot_pending (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,
                    user_id INTEGER NOT NULL,
                    command TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
                    closed_by TEXT,
                    created_at INTEGER NOT NULL);
                CREATE TABLE bot_outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    chat_id INTEGER NOT NULL,
                    method TEXT NOT NULL,
                    body TEXT NOT NULL);
                CREATE TABLE bot_offset (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    next_update INTEGER NOT NULL);
                """)
        }
        // The last finished craft announced. It starts at the crafts finished so far, so an existing
        // game is not flooded with old news.
        migrator.registerMigration("v6 bot notices") { db in
            try db.execute(sql: """
                CREATE TABLE bot_craft_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    job INTEGER NOT NULL);
                INSERT INTO bot_craft_cursor (id, seq, job)
                SELECT 1, COALESCE(MAX(finished_seq), 0), COALESCE(MAX(id), 0) FROM jobs WHERE state = 'done' AND kind = 'craft';
                """)
        }
        // Updates whose handling kept failing, set aside so the updates after them go on.
        migrator.registerMigration("bot dead letters") { db in
            try db.execute(sql: """
                CREATE TABLE bot_dead_letters (
                    update_id INTEGER PRIMARY KEY,
                    chat_id INTEGER,
                    user_id INTEGER,
                    content TEXT NOT NULL,
                    error TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    at INTEGER NOT NULL);
                """)
        }
        // The name other players read for a player: their Telegram first name (else @username), made
        // unique with " (2)", " (3)"... Players from before keep their account name, which is unique.
        migrator.registerMigration("bot display names") { db in
            try db.execute(sql: """
                ALTER TABLE bot_players ADD COLUMN display_name TEXT;
                UPDATE bot_players SET display_name = account;
                CREATE UNIQUE INDEX bot_players_by_display_name ON bot_players(display_name);
                """)
        }
        // The Parliament's notices: the last journal entry announced (it starts at the entries so far, so
        // an existing game is not flooded with old news), players who turned "voting opened" notices
        // off, and when each player last had one (they come at most every few hours).
        migrator.registerMigration("bot parliament notices") { db in
            try db.execute(sql: """
                CREATE TABLE bot_parliament_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL);
                INSERT INTO bot_parliament_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM journal;
                CREATE TABLE bot_parliament_quiet (account TEXT PRIMARY KEY);
                CREATE TABLE bot_parliament_notified (
                    account TEXT PRIMARY KEY,
                    at INTEGER NOT NULL);
                """)
        }
        // The group chat each company or state bound with `/bind`, where members act for it with `/co`.
        migrator.registerMigration("bot org bindings") { db in
            try db.execute(sql: "CREATE TABLE bot_org_bindings (chat_id INTEGER PRIMARY KEY, org TEXT NOT NULL)")
        }
        // A pending action's state checked by comparisons, as the engine's tables are (`InListRewrite`).
        migrator.registerMigration("bot checks without IN lists") { db in
            try InListRewrite.rebuild("bot_pending", in: db)
        }
        return migrator
    }
}
