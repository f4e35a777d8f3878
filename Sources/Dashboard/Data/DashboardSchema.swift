import GRDB

/// The dashboard's own tables, in the engine's database file, under a migrator of its own (as the
/// bot's): what ``DayBook`` has read, so a restart reads only the entries committed since. Derived
/// data, not part of the economy: deleting the tables only makes the next start read the whole
/// ledger again.
///
/// The same file, not a second one, so a backup or copy of the ledger holds the totals as of the same
/// commit, and a ledger restored from an older copy never meets totals read further than it reaches.
enum DashboardSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // New tables without foreign keys: checked as they are made, not by GRDB's deferred check of
        // every foreign key in the file afterwards (seconds on millions of postings, the writer waiting).
        migrator.registerMigration("dashboard v1 day book", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TABLE dashboard_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    posting INTEGER NOT NULL,
                    pool_change INTEGER NOT NULL,
                    fill INTEGER NOT NULL,
                    craft_seq INTEGER NOT NULL);
                CREATE TABLE dashboard_days (
                    day INTEGER PRIMARY KEY,
                    totals TEXT NOT NULL);
                CREATE TABLE dashboard_players (
                    account_id INTEGER PRIMARY KEY,
                    last_active_day INTEGER NOT NULL);
                CREATE TABLE dashboard_windows (
                    day INTEGER PRIMARY KEY,
                    weekly INTEGER NOT NULL,
                    monthly INTEGER NOT NULL,
                    churned INTEGER NOT NULL);
                """)
        }
        return migrator
    }
}
