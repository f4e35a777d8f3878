import GRDB

/// The ledger's tables, created and upgraded by GRDB's versioned migrator.
///
/// Amounts are INTEGER minor units. `balances` is derived state (it equals the sum of `postings`),
/// kept so that reads and overdraft checks are one lookup; `tix verify` proves the two agree.
///
/// Front ends keep their own tables in the same file under their own migrators, which share GRDB's
/// `grdb_migrations` table: this migrator skips identifiers it does not know.
package enum Schema {
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 ledger and journal") { db in
            try db.execute(sql: """
                CREATE TABLE assets (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    scale INTEGER NOT NULL CHECK (scale BETWEEN 0 AND 8));
                CREATE TABLE accounts (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    created_at INTEGER NOT NULL);
                CREATE TABLE balances (
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    asset_id INTEGER NOT NULL REFERENCES assets(id),
                    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
                    PRIMARY KEY (account_id, asset_id)) WITHOUT ROWID;
                CREATE TABLE postings (
                    id INTEGER PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    debit_id INTEGER NOT NULL,
                    credit_id INTEGER NOT NULL,
                    asset_id INTEGER NOT NULL,
                    amount INTEGER NOT NULL CHECK (amount > 0));
                CREATE INDEX postings_by_debit ON postings(debit_id, id);
                CREATE INDEX postings_by_credit ON postings(credit_id, id);
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    key TEXT NOT NULL,
                    command TEXT NOT NULL,
                    result TEXT NOT NULL,
                    rules TEXT NOT NULL,
                    hash BLOB NOT NULL,
                    UNIQUE (actor, key));
                -- Every rule version the journal names, so a replay runs exactly what the live engine ran.
                CREATE TABLE rule_versions (
                    sha256 TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    source TEXT NOT NULL,
                    first_seq INTEGER NOT NULL);
                CREATE TABLE reward_claims (
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    kind TEXT NOT NULL,
                    last_at INTEGER NOT NULL,
                    streak INTEGER NOT NULL,
                    PRIMARY KEY (account_id, kind)) WITHOUT ROWID;
                """)
            // The starting state is fixed, not journaled: replay begins from the same rows.
            try db.execute(
                sql: "INSERT INTO assets (code, kind, scale) VALUES (?, ?, ?)",
                arguments: [Asset.ticket.code, Asset.ticket.kind.rawValue, Asset.ticket.scale])
            for name in Account.systemAccounts {
                try db.execute(
                    sql: "INSERT INTO accounts (name, kind, created_at) VALUES (?, 'system', 0)", arguments: [name])
            }
        }
        // A pool's reserves are its account's balances; `pool_history` records them after every change,
        // so `tix verify` can check that `k` never fell and the dashboard can chart prices.
        migrator.registerMigration("v2 amm") { db in
            try db.execute(sql: """
                CREATE TABLE pools (
                    id INTEGER PRIMARY KEY,
                    asset_id INTEGER NOT NULL UNIQUE REFERENCES assets(id),
                    account_id INTEGER NOT NULL UNIQUE REFERENCES accounts(id),
                    created_seq INTEGER NOT NULL);
                CREATE TABLE pool_history (
                    id INTEGER PRIMARY KEY,
                    pool_id INTEGER NOT NULL REFERENCES pools(id),
                    seq INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    reserve_items INTEGER NOT NULL CHECK (reserve_items > 0),
                    reserve_tickets INTEGER NOT NULL CHECK (reserve_tickets > 0),
                    volume_tickets INTEGER NOT NULL CHECK (volume_tickets >= 0));
                CREATE INDEX pool_history_by_pool ON pool_history(pool_id, id);
                """)
        }
        migrator.registerMigration("v3 market") { db in
            try db.execute(sql: """
                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    asset_id INTEGER NOT NULL REFERENCES assets(id),
                    side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
                    price INTEGER NOT NULL CHECK (price > 0),
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    remaining INTEGER NOT NULL CHECK (remaining BETWEEN 0 AND quantity),
                    expires_at INTEGER,
                    state TEXT NOT NULL CHECK (state IN ('open', 'filled', 'cancelled', 'expired')),
                    placed_at INTEGER NOT NULL);
                CREATE INDEX orders_book ON orders(asset_id, side, price, id) WHERE state = 'open';
                CREATE INDEX orders_by_account ON orders(account_id, id);
                CREATE INDEX orders_expiring ON orders(expires_at) WHERE state = 'open' AND expires_at IS NOT NULL;
                CREATE TABLE fills (
                    id INTEGER PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    buy_order INTEGER NOT NULL REFERENCES orders(id),
                    sell_order INTEGER NOT NULL REFERENCES orders(id),
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    price INTEGER NOT NULL CHECK (price > 0),
                    fee INTEGER NOT NULL CHECK (fee >= 0));
                """)
        }
        migrator.registerMigration("v5 production") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    due_at INTEGER NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'cancelled', 'failed')),
                    attempts INTEGER NOT NULL,
                    created_seq INTEGER NOT NULL,
                    finished_seq INTEGER,
                    owner_id INTEGER REFERENCES accounts(id),
                    factory_id INTEGER);
                CREATE INDEX jobs_due ON jobs(due_at, id) WHERE state = 'pending';
                CREATE INDEX jobs_by_owner ON jobs(owner_id, id);
                CREATE INDEX jobs_by_factory ON jobs(factory_id) WHERE state = 'pending';
                CREATE TABLE factories (
                    id INTEGER PRIMARY KEY,
                    owner_id INTEGER NOT NULL REFERENCES accounts(id),
                    name TEXT NOT NULL,
                    created_seq INTEGER NOT NULL);
                CREATE TABLE factory_components (
                    factory_id INTEGER NOT NULL REFERENCES factories(id),
                    asset_id INTEGER NOT NULL REFERENCES assets(id),
                    count INTEGER NOT NULL CHECK (count > 0),
                    PRIMARY KEY (factory_id, asset_id)) WITHOUT ROWID;
                """)
        }
        // The journal's format version, per entry and per job payload (docs/journal.md). Everything
        // written before is format 1; the engine writes `JournalFormat.current` from now on.
        migrator.registerMigration("v7 journal format") { db in
            try db.execute(sql: """
                ALTER TABLE journal ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE jobs ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
                """)
        }
        // Front ends announce finished crafts in (entry, job) order: `finishedCrafts` walks this index.
        // Databases made before this migration have it already (a front end's migration made it then).
        migrator.registerMigration("v8 finished crafts index") { db in
            try db.execute(sql: """
                CREATE INDEX IF NOT EXISTS jobs_finished_crafts ON jobs(finished_seq, id) WHERE state = 'done' AND kind = 'craft';
                """)
        }
        // Faucets with a memory of the day: each paid claim counts into its journal day (UTC), which caps
        // and diminishes taps and tells how many days a player was active; and who invited whom.
        migrator.registerMigration("v9 rewards") { db in
            try db.execute(sql: """
                CREATE TABLE reward_days (
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    kind TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    claims INTEGER NOT NULL CHECK (claims > 0),
                    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount >= 0),
                    PRIMARY KEY (account_id, kind, day)) WITHOUT ROWID;
                CREATE TABLE invites (
                    invitee_id INTEGER PRIMARY KEY REFERENCES accounts(id),
                    inviter_id INTEGER NOT NULL REFERENCES accounts(id),
                    named_seq INTEGER NOT NULL,
                    paid_seq INTEGER);
                CREATE INDEX invites_by_inviter ON invites(inviter_id, invitee_id) WHERE paid_seq IS NULL;
                """)
            // The days of the claims journaled so far, as replaying them records them (each paid one leg).
            try db.execute(sql: """
                INSERT INTO reward_days (account_id, kind, day, claims, amount)
                SELECT a.id, json_extract(j.command, '$.claimReward.kind'), j.at / 86400000, COUNT(*),
                       SUM(json_extract(j.result, '$.postings[0].amount'))
                FROM journal j JOIN accounts a ON a.name = json_extract(j.command, '$.claimReward.account')
                WHERE json_extract(j.command, '$.claimReward') IS NOT NULL
                GROUP BY 1, 2, 3;
                """)
        }
        // A player's history pages by journal entry: the postings, fills and finished jobs of an entry
        // are found by its seq, so a page costs the same however long the history behind it.
        // The old (account, id) indexes are replaced, not kept beside: (account, seq) orders by id as well.
        migrator.registerMigration("v10 history by entry") { db in
            try db.execute(sql: """
                DROP INDEX postings_by_debit;
                DROP INDEX postings_by_credit;
                CREATE INDEX postings_by_debit ON postings(debit_id, seq);
                CREATE INDEX postings_by_credit ON postings(credit_id, seq);
                CREATE INDEX fills_by_entry ON fills(seq);
                CREATE INDEX jobs_by_finish ON jobs(finished_seq) WHERE finished_seq IS NOT NULL;
                """)
        }
        // The Parliament and its patents (issue #11). A proposal keeps the recipe's source itself, so what
        // is voted on is byte for byte what is installed; `proposal_voters` is the eligibility snapshot
        // taken when voting opens, with each voter's ballot. Adopted recipes live here, not on disk.
        migrator.registerMigration("v11 parliament") { db in
            try db.execute(sql: """
                CREATE TABLE proposals (
                    id INTEGER PRIMARY KEY,
                    inventor_id INTEGER NOT NULL REFERENCES accounts(id),
                    recipe TEXT NOT NULL,
                    title TEXT NOT NULL,
                    source TEXT NOT NULL,
                    version TEXT NOT NULL,
                    deposit INTEGER NOT NULL CHECK (typeof(deposit) = 'integer' AND deposit >= 0),
                    state TEXT NOT NULL CHECK (state IN
                        ('pending', 'active', 'defeated', 'approved', 'enacted', 'vetoed', 'canceled', 'expired')),
                    created_seq INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    voting_at INTEGER NOT NULL,
                    closes_at INTEGER NOT NULL,
                    veto_ends_at INTEGER NOT NULL,
                    eligible INTEGER NOT NULL DEFAULT 0,
                    yes INTEGER NOT NULL DEFAULT 0,
                    no INTEGER NOT NULL DEFAULT 0,
                    abstain INTEGER NOT NULL DEFAULT 0,
                    activated_seq INTEGER,
                    decided_seq INTEGER,
                    veto_reason TEXT,
                    vetoed_by TEXT);
                CREATE INDEX proposals_open ON proposals(inventor_id) WHERE state IN ('pending', 'active', 'approved');
                CREATE INDEX proposals_activated ON proposals(activated_seq) WHERE activated_seq IS NOT NULL;
                CREATE INDEX proposals_decided ON proposals(decided_seq) WHERE decided_seq IS NOT NULL;
                CREATE TABLE proposal_voters (
                    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    eligible INTEGER NOT NULL,
                    reason TEXT,
                    choice TEXT CHECK (choice IN ('yes', 'no', 'abstain')),
                    voted_seq INTEGER,
                    PRIMARY KEY (proposal_id, account_id)) WITHOUT ROWID;
                CREATE TABLE vetoers (account_id INTEGER PRIMARY KEY REFERENCES accounts(id));
                CREATE TABLE adopted_recipes (
                    recipe TEXT PRIMARY KEY,
                    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
                    source TEXT NOT NULL,
                    version TEXT NOT NULL,
                    enacted_seq INTEGER NOT NULL);
                CREATE TABLE patents (
                    recipe TEXT PRIMARY KEY,
                    asset_id INTEGER NOT NULL UNIQUE REFERENCES assets(id),
                    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
                    granted_seq INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    open_royalty INTEGER CHECK (open_royalty >= 0),
                    earned INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE licenses (
                    recipe TEXT NOT NULL REFERENCES patents(recipe),
                    licensee_id INTEGER NOT NULL REFERENCES accounts(id),
                    royalty INTEGER NOT NULL CHECK (royalty >= 0),
                    crafts_left INTEGER CHECK (crafts_left >= 0),
                    expires_at INTEGER,
                    granted_seq INTEGER NOT NULL,
                    paid INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (recipe, licensee_id)) WITHOUT ROWID;
                """)
        }
        // L2 organizations (issue #12): companies and states on `org` accounts. Roles are rows of each
        // org (the built-in ones too), permissions a sorted comma-separated list; a state's tax rule is
        // a version in `rule_versions`; lines and payroll run as jobs.
        migrator.registerMigration("v12 orgs") { db in
            try db.execute(sql: """
                CREATE TABLE orgs (
                    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
                    kind TEXT NOT NULL,
                    founder_id INTEGER NOT NULL REFERENCES accounts(id),
                    created_seq INTEGER NOT NULL,
                    tax_rule TEXT,
                    payroll_period INTEGER CHECK (payroll_period > 0),
                    payroll_job INTEGER,
                    dissolved_seq INTEGER);
                CREATE TABLE org_roles (
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    name TEXT NOT NULL,
                    permissions TEXT NOT NULL,
                    daily_cap INTEGER CHECK (daily_cap >= 0),
                    PRIMARY KEY (org_id, name)) WITHOUT ROWID;
                CREATE TABLE org_members (
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    role TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('invited', 'member')),
                    wage INTEGER NOT NULL CHECK (wage >= 0),
                    since_seq INTEGER NOT NULL,
                    PRIMARY KEY (org_id, account_id)) WITHOUT ROWID;
                CREATE INDEX org_members_by_account ON org_members(account_id);
                CREATE TABLE org_spending (
                    org_id INTEGER NOT NULL,
                    account_id INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount >= 0),
                    PRIMARY KEY (org_id, account_id, day)) WITHOUT ROWID;
                CREATE TABLE org_lines (
                    id INTEGER PRIMARY KEY,
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    name TEXT NOT NULL,
                    stages TEXT NOT NULL,
                    status TEXT NOT NULL,
                    job_id INTEGER,
                    created_seq INTEGER NOT NULL);
                CREATE TABLE payroll_payments (
                    id INTEGER PRIMARY KEY,
                    org_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    account_id INTEGER NOT NULL,
                    amount INTEGER NOT NULL,
                    paid INTEGER NOT NULL CHECK (paid IN (0, 1)));
                CREATE INDEX payroll_by_org ON payroll_payments(org_id, id);
                CREATE TABLE org_prices (
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    recipe TEXT NOT NULL,
                    price INTEGER NOT NULL CHECK (price > 0),
                    PRIMARY KEY (org_id, recipe)) WITHOUT ROWID;
                """)
        }
        // The dashboard's market panel counts the orders placed in its days, however many orders there are.
        migrator.registerMigration("v13 orders by placement") { db in
            try db.execute(sql: "CREATE INDEX orders_by_placed ON orders(placed_at)")
        }
        // The L2 API (issue #13): game servers' keys (a hash of the secret only), players' allowances,
        // link codes for game identities.
        migrator.registerMigration("v14 api") { db in
            try db.execute(
                sql: """
                CREATE TABLE api_keys (
                    id INTEGER PRIMARY KEY,
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    scopes TEXT NOT NULL,
                    secret_hash TEXT NOT NULL,
                    max_per_request INTEGER CHECK (max_per_request > 0),
                    daily_cap INTEGER CHECK (daily_cap >= 0),
                    expires_at INTEGER,
                    created_seq INTEGER NOT NULL,
                    revoked_seq INTEGER);
                CREATE TABLE api_key_spending (
                    key_id INTEGER NOT NULL REFERENCES api_keys(id),
                    day INTEGER NOT NULL,
                    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount >= 0),
                    PRIMARY KEY (key_id, day)) WITHOUT ROWID;
                CREATE TABLE allowances (
                    player_id INTEGER NOT NULL REFERENCES accounts(id),
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    daily INTEGER NOT NULL CHECK (daily > 0),
                    PRIMARY KEY (player_id, org_id)) WITHOUT ROWID;
                CREATE TABLE allowance_spending (
                    player_id INTEGER NOT NULL,
                    org_id INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount >= 0),
                    PRIMARY KEY (player_id, org_id, day)) WITHOUT ROWID;
                CREATE TABLE link_codes (
                    code TEXT PRIMARY KEY,
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    subject TEXT NOT NULL,
                    expires_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE links (
                    org_id INTEGER NOT NULL REFERENCES orgs(account_id),
                    subject TEXT NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    linked_seq INTEGER NOT NULL,
                    PRIMARY KEY (org_id, subject)) WITHOUT ROWID;
                """)
        }
        // Webhooks (issue #13): org endpoints, journaled; the outbox of deliveries, written with each event.
        migrator.registerMigration("v15 webhooks") { db in
            try db.execute(sql: """
                CREATE TABLE webhook_endpoints (
                    id INTEGER PRIMARY KEY,
                    org_id INTEGER NOT NULL REFERENCES accounts(id),
                    url TEXT NOT NULL,
                    events TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    created_seq INTEGER NOT NULL,
                    rotated_seq INTEGER,
                    removed_seq INTEGER);
                CREATE INDEX webhook_endpoints_by_org ON webhook_endpoints(org_id);
                CREATE TABLE webhook_deliveries (
                    id TEXT PRIMARY KEY,
                    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id),
                    event TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                    attempts INTEGER NOT NULL CHECK (attempts >= 0),
                    next_at INTEGER NOT NULL,
                    last_status INTEGER,
                    last_error TEXT,
                    delivered_at INTEGER,
                    created_at INTEGER NOT NULL);
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_at) WHERE state = 'pending';
                CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries(endpoint_id, created_at);
                """)
        }
        // Job fields in columns (issue #16): a due job is read without decoding JSON. The payloads of
        // format 1 (`{"craft": {"_0": ...}}`) and 2 (`{"craft": {...}}`) move into the columns with the
        // meaning they had; `format` stays, for the state hash (see `JobQueue`).
        migrator.registerMigration("v16 job columns") { db in
            try db.execute(sql: """
                ALTER TABLE jobs ADD COLUMN account TEXT;
                ALTER TABLE jobs ADD COLUMN subject INTEGER;
                ALTER TABLE jobs ADD COLUMN recipe TEXT;
                ALTER TABLE jobs ADD COLUMN version TEXT;
                ALTER TABLE jobs ADD COLUMN duration INTEGER;
                ALTER TABLE jobs ADD COLUMN repeats INTEGER;
                ALTER TABLE jobs ADD COLUMN variable_yield INTEGER;
                CREATE TABLE job_items (
                    job_id INTEGER NOT NULL REFERENCES jobs(id),
                    output INTEGER NOT NULL CHECK (output IN (0, 1)),
                    position INTEGER NOT NULL,
                    asset TEXT NOT NULL,
                    amount INTEGER NOT NULL,
                    PRIMARY KEY (job_id, output, position)) WITHOUT ROWID;
                UPDATE jobs SET payload = json_extract(payload, CASE format WHEN 1 THEN '$.craft._0' ELSE '$.craft' END)
                WHERE kind = 'craft';
                UPDATE jobs SET account = json_extract(payload, '$.account'), subject = json_extract(payload, '$.factory'),
                    recipe = json_extract(payload, '$.recipe'), version = json_extract(payload, '$.version'),
                    duration = json_extract(payload, '$.duration'), repeats = json_extract(payload, '$.repeats'),
                    variable_yield = COALESCE(json_extract(payload, '$.variableYield'), 0)
                WHERE kind = 'craft';
                INSERT INTO job_items (job_id, output, position, asset, amount)
                SELECT j.id, 0, i.key, json_extract(i.value, '$.asset'), json_extract(i.value, '$.amount')
                FROM jobs j, json_each(j.payload, '$.inputs') i WHERE j.kind = 'craft'
                UNION ALL
                SELECT j.id, 1, i.key, json_extract(i.value, '$.asset'), json_extract(i.value, '$.amount')
                FROM jobs j, json_each(j.payload, '$.outputs') i WHERE j.kind = 'craft';
                UPDATE jobs SET subject = json_extract(payload, CASE format WHEN 1 THEN '$.expireOrder._0' ELSE '$.expireOrder.order' END)
                WHERE kind = 'expireOrder';
                UPDATE jobs SET subject = json_extract(payload, '$.advanceProposal.proposal') WHERE kind = 'advanceProposal';
                UPDATE jobs SET subject = json_extract(payload, '$.line.line') WHERE kind = 'line';
                UPDATE jobs SET account = json_extract(payload, '$.payroll.org') WHERE kind = 'payroll';
                ALTER TABLE jobs DROP COLUMN payload;
                """)
        }
        // Each distinct set of consulted rule versions is stored once (issue #16): an entry names its set
        // by id instead of repeating some 150 bytes of text. Older rows keep their text; the view gives
        // every entry's text either way, and the hash chain covers the text, as before.
        migrator.registerMigration("v17 rule sets") { db in
            try db.execute(sql: """
                CREATE TABLE rule_sets (
                    id INTEGER PRIMARY KEY,
                    versions TEXT NOT NULL UNIQUE);
                ALTER TABLE journal ADD COLUMN rule_set INTEGER REFERENCES rule_sets(id);
                """)
            try db.execute(sql: journalEntries)
        }
        // The idempotency index leads with the key, not the actor (issue #16). Ordered by actor, every
        // commit wrote a page per player it touched; the bot's keys grow with Telegram's update ids, so
        // ordered by key its entries append (BENCHMARKS.md: a third fewer bytes per transfer). SQLite
        // cannot drop a table's UNIQUE constraint, so the table is rebuilt: once, taking about as long
        // as copying the journal.
        migrator.registerMigration("v18 idempotency by key") { db in
            try db.execute(sql: """
                CREATE TABLE journal_rebuilt (
                    seq INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    key TEXT NOT NULL,
                    command TEXT NOT NULL,
                    result TEXT NOT NULL,
                    rules TEXT NOT NULL,
                    hash BLOB NOT NULL,
                    format INTEGER NOT NULL DEFAULT 1,
                    rule_set INTEGER REFERENCES rule_sets(id));
                INSERT INTO journal_rebuilt (seq, at, actor, key, command, result, rules, hash, format, rule_set)
                    SELECT seq, at, actor, key, command, result, rules, hash, format, rule_set FROM journal ORDER BY seq;
                DROP VIEW journal_entries;
                DROP TABLE journal;
                ALTER TABLE journal_rebuilt RENAME TO journal;
                CREATE UNIQUE INDEX journal_idempotency ON journal(key, actor);
                """)
            try db.execute(sql: journalEntries)
        }
        // Constraints without IN lists (issue #16): SQLite built a temporary b-tree for each IN list of
        // three or more values every time a statement checked it, about 4 µs on each write of a job or an
        // order (see `InListRewrite`). `jobs_finished_crafts` goes: `jobs_by_finish` orders by
        // (finished_seq, id) too, so the writer keeps one index less up to date on every finished job.
        migrator.registerMigration("v19 checks without IN lists") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS jobs_finished_crafts")
            for table in ["jobs", "orders", "webhook_deliveries", "proposals", "proposal_voters"] {
                try InListRewrite.rebuild(table, in: db)
            }
        }
        // The book's one index becomes one per side, bids by descending price: the best bid, oldest first
        // at its price, is then the first entry, where before SQLite sorted every bid at the best price.
        // A player's open orders get their own index, so the check against trading with oneself is one
        // seek, not a walk through everything the player ever placed (nor, as the planner would choose
        // next to the per-side indexes, through the whole side of the book). And a player's factories are
        // counted through an index, not by reading every factory, each time one is built.
        migrator.registerMigration("v20 book per side, open orders and factories by owner") { db in
            try db.execute(sql: """
                DROP INDEX orders_book;
                CREATE INDEX orders_asks ON orders(asset_id, price, id) WHERE state = 'open' AND side = 'sell';
                CREATE INDEX orders_bids ON orders(asset_id, price DESC, id) WHERE state = 'open' AND side = 'buy';
                CREATE INDEX orders_open_by_account ON orders(account_id, asset_id, side, price) WHERE state = 'open';
                CREATE INDEX factories_by_owner ON factories(owner_id);
                """)
        }
        return migrator
    }

    /// Every entry with its rule versions as text, whether stored inline (before v17) or by set.
    static let journalEntries = """
        CREATE VIEW journal_entries AS
            SELECT j.seq, j.at, j.actor, j.key, j.command, j.result, COALESCE(r.versions, j.rules) AS rules,
                   j.hash, j.format
            FROM journal j LEFT JOIN rule_sets r ON r.id = j.rule_set
        """
}
