-- A database made by tix 1 (the release before the bot kept its own migrations): `tix play` with alice
-- and bob joined, alice's daily gift claimed and a payment to bob awaiting her Confirm. sqlite3 .dump.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1 ledger and journal');
INSERT INTO grdb_migrations VALUES('v2 amm');
INSERT INTO grdb_migrations VALUES('v3 market');
INSERT INTO grdb_migrations VALUES('v4 bot');
INSERT INTO grdb_migrations VALUES('v5 production');
INSERT INTO grdb_migrations VALUES('v6 bot notices');
CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    scale INTEGER NOT NULL CHECK (scale BETWEEN 0 AND 8));
INSERT INTO assets VALUES(1,'TIX','currency',2);
INSERT INTO assets VALUES(2,'wood','raw',0);
INSERT INTO assets VALUES(3,'ore','raw',0);
INSERT INTO assets VALUES(4,'crystal','raw',0);
INSERT INTO assets VALUES(5,'gemstone','raw',0);
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL);
INSERT INTO accounts VALUES(1,'mint','system',0);
INSERT INTO accounts VALUES(2,'sink','system',0);
INSERT INTO accounts VALUES(3,'escrow','system',0);
INSERT INTO accounts VALUES(4,'treasury','system',0);
INSERT INTO accounts VALUES(5,'pool.wood','system',1796139904523);
INSERT INTO accounts VALUES(6,'pool.ore','system',1796139904528);
INSERT INTO accounts VALUES(7,'pool.crystal','system',1796139904529);
INSERT INTO accounts VALUES(8,'pool.gemstone','system',1796139904531);
INSERT INTO accounts VALUES(9,'alice','player',1796139904535);
INSERT INTO accounts VALUES(10,'bob','player',1796139904540);
CREATE TABLE balances (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    asset_id INTEGER NOT NULL REFERENCES assets(id),
    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    PRIMARY KEY (account_id, asset_id)) WITHOUT ROWID;
INSERT INTO balances VALUES(1,1,-8001000);
INSERT INTO balances VALUES(1,2,-100000);
INSERT INTO balances VALUES(1,3,-40000);
INSERT INTO balances VALUES(1,4,-10000);
INSERT INTO balances VALUES(1,5,-2000);
INSERT INTO balances VALUES(5,1,2000000);
INSERT INTO balances VALUES(5,2,100000);
INSERT INTO balances VALUES(6,1,2000000);
INSERT INTO balances VALUES(6,3,40000);
INSERT INTO balances VALUES(7,1,2000000);
INSERT INTO balances VALUES(7,4,10000);
INSERT INTO balances VALUES(8,1,2000000);
INSERT INTO balances VALUES(8,5,2000);
INSERT INTO balances VALUES(9,1,1000);
CREATE TABLE postings (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    debit_id INTEGER NOT NULL,
    credit_id INTEGER NOT NULL,
    asset_id INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0));
INSERT INTO postings VALUES(1,2,1,5,2,100000);
INSERT INTO postings VALUES(2,2,1,5,1,2000000);
INSERT INTO postings VALUES(3,4,1,6,3,40000);
INSERT INTO postings VALUES(4,4,1,6,1,2000000);
INSERT INTO postings VALUES(5,6,1,7,4,10000);
INSERT INTO postings VALUES(6,6,1,7,1,2000000);
INSERT INTO postings VALUES(7,8,1,8,5,2000);
INSERT INTO postings VALUES(8,8,1,8,1,2000000);
INSERT INTO postings VALUES(9,10,1,9,1,1000);
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
INSERT INTO journal VALUES(1,1796139904518,'admin','seed-asset-wood','{"defineAsset":{"_0":{"code":"wood","kind":"raw","scale":0}}}','{"at":1796139904518,"createdID":2,"postings":[],"seq":1}','',X'740a12eb6027100c77d5d6e6dcfeccaa5b359a53b950c651dedc65fd3a588e6f');
INSERT INTO journal VALUES(2,1796139904523,'admin','seed-pool-wood','{"createPool":{"asset":"wood","items":100000,"tickets":2000000}}','{"at":1796139904523,"createdID":5,"postings":[{"amount":100000,"asset":"wood","from":"mint","id":1,"to":"pool.wood"},{"amount":2000000,"asset":"TIX","from":"mint","id":2,"to":"pool.wood"}],"seq":2}','',X'40cf92f9818b5cf0c5fed9a75023f56402efb11052bd238a560142f87af9df65');
INSERT INTO journal VALUES(3,1796139904526,'admin','seed-asset-ore','{"defineAsset":{"_0":{"code":"ore","kind":"raw","scale":0}}}','{"at":1796139904526,"createdID":3,"postings":[],"seq":3}','',X'f9993aadef03d1625ddf2e59251e63003dcd4ad9790fdb325bf9a33e0ccc20c9');
INSERT INTO journal VALUES(4,1796139904528,'admin','seed-pool-ore','{"createPool":{"asset":"ore","items":40000,"tickets":2000000}}','{"at":1796139904528,"createdID":6,"postings":[{"amount":40000,"asset":"ore","from":"mint","id":3,"to":"pool.ore"},{"amount":2000000,"asset":"TIX","from":"mint","id":4,"to":"pool.ore"}],"seq":4}','',X'84dda82f71c4084b036838f9a8d502f1481641f254a0f8ed4501543e51276338');
INSERT INTO journal VALUES(5,1796139904528,'admin','seed-asset-crystal','{"defineAsset":{"_0":{"code":"crystal","kind":"raw","scale":0}}}','{"at":1796139904528,"createdID":4,"postings":[],"seq":5}','',X'59b68e075442e7628efd273307db0a03651a9f7968af1e2958dfd05c4f72c109');
INSERT INTO journal VALUES(6,1796139904529,'admin','seed-pool-crystal','{"createPool":{"asset":"crystal","items":10000,"tickets":2000000}}','{"at":1796139904529,"createdID":7,"postings":[{"amount":10000,"asset":"crystal","from":"mint","id":5,"to":"pool.crystal"},{"amount":2000000,"asset":"TIX","from":"mint","id":6,"to":"pool.crystal"}],"seq":6}','',X'8c1272b4a00154360d4a54f36740737b73efc556bbaa781865821148059022ac');
INSERT INTO journal VALUES(7,1796139904530,'admin','seed-asset-gemstone','{"defineAsset":{"_0":{"code":"gemstone","kind":"raw","scale":0}}}','{"at":1796139904530,"createdID":5,"postings":[],"seq":7}','',X'80adcc30524e088ce0e4f39b00297dc402ad16eb575b6280acdf390a914252a5');
INSERT INTO journal VALUES(8,1796139904531,'admin','seed-pool-gemstone','{"createPool":{"asset":"gemstone","items":2000,"tickets":2000000}}','{"at":1796139904531,"createdID":8,"postings":[{"amount":2000,"asset":"gemstone","from":"mint","id":7,"to":"pool.gemstone"},{"amount":2000000,"asset":"TIX","from":"mint","id":8,"to":"pool.gemstone"}],"seq":8}','',X'8cbc0905aee2b8d4ea6d3648e55255e6e8d3898f58ef0289a67af309d1babf09');
INSERT INTO journal VALUES(9,1796139904535,'alice','play-C7CB0AF0-A2A4-4F48-8FD8-85869A5D0F99','{"openAccount":{"kind":"player","name":"alice"}}','{"at":1796139904535,"createdID":9,"postings":[],"seq":9}','',X'd179618d8072e33bc37e33c7567c114beff45272fb81e0c8ed62dfb2c8310f19');
INSERT INTO journal VALUES(10,1796139904537,'alice','play-93DCFBAB-0875-4279-B438-67F468EB4FC8','{"claimReward":{"account":"alice","kind":"daily"}}','{"at":1796139904537,"postings":[{"amount":1000,"asset":"TIX","from":"mint","id":9,"to":"alice"}],"seq":10}','rewards.lua@1a08567d299be7801cd372c6b9115458e81ab12aabbe6a04041d95cf4d2124d4',X'73c7408a8db7844da81e0dd7caa8721fd84bb4d14c82f89b7969b2f903517377');
INSERT INTO journal VALUES(11,1796139904540,'bob','play-AA4A2529-987E-454C-BE78-AC93C295ECA9','{"openAccount":{"kind":"player","name":"bob"}}','{"at":1796139904540,"createdID":10,"postings":[],"seq":11}','',X'5d37274f956683f8b6415e4627558a167447c6ee2451cf70763fb549e9a68938');
CREATE TABLE rule_versions (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    first_seq INTEGER NOT NULL);
INSERT INTO rule_versions VALUES('1a08567d299be7801cd372c6b9115458e81ab12aabbe6a04041d95cf4d2124d4','rewards.lua',replace('-- Faucets: the daily reward and the tap reward for casual players. See rules/README.md.\n--\n-- daily(c) and tap(c) decide one claim.\n--   c.now      journal time of the claim, ms since the epoch\n--   c.last     time of the previous claim of this kind, 0 if never\n--   c.streak   streak after the previous claim, 0 if never\n-- Return { amount = minor units, streak = new streak, wait = ms }.\n-- amount 0 means "not yet": the player is told to come back in `wait` ms.\n-- math.random is seeded from the claim itself, so replays give the same amounts.\n\nlocal SECOND = 1000\nlocal HOUR = 3600 * SECOND\n\nlocal DAILY_EVERY = 20 * HOUR      -- a little under a day, so the same time each day works\nlocal DAILY_STREAK_LOST = 48 * HOUR\nlocal DAILY_BASE = 1000            -- 10 tickets\nlocal DAILY_STREAK_BONUS = 250     -- +2.50 per day in a row...\nlocal DAILY_STREAK_CAP = 7         -- ...up to a week\n\nlocal TAP_EVERY = 10 * SECOND\nlocal TAP_STREAK_LOST = 60 * SECOND\n\n-- The streak this claim makes, or nil when the previous claim is less than `every` ago.\nlocal function next_streak(c, every, lost_after)\n  local since = c.now - c.last\n  if c.last > 0 and since < every then return nil end\n  if c.last > 0 and since < lost_after then return c.streak + 1 end\n  return 1\nend\n\nlocal function not_yet(c, every)\n  return { amount = 0, streak = c.streak, wait = every - (c.now - c.last) }\nend\n\nfunction daily(c)\n  local streak = next_streak(c, DAILY_EVERY, DAILY_STREAK_LOST)\n  if not streak then return not_yet(c, DAILY_EVERY) end\n  local bonus = math.min(streak, DAILY_STREAK_CAP) - 1\n  return { amount = DAILY_BASE + bonus * DAILY_STREAK_BONUS, streak = streak, wait = DAILY_EVERY }\nend\n\nfunction tap(c)\n  local streak = next_streak(c, TAP_EVERY, TAP_STREAK_LOST)\n  if not streak then return not_yet(c, TAP_EVERY) end\n  -- 0.05 to 0.10 tickets, plus a cent for every ten taps in a row (at most 0.05 more)\n  local amount = math.random(5, 10) + math.min(streak // 10, 5)\n  return { amount = amount, streak = streak, wait = TAP_EVERY }\nend\n\nexamples = {\n  { call = "daily", args = { { now = 100000000, last = 0, streak = 0 } },\n    expect = { amount = 1000, streak = 1, wait = 72000000 } },\n  { call = "daily", args = { { now = 200000000, last = 100000000, streak = 3 } },\n    expect = { amount = 1750, streak = 4, wait = 72000000 } },\n  { call = "daily", args = { { now = 110000000, last = 100000000, streak = 3 } },\n    expect = { amount = 0, streak = 3, wait = 62000000 } },\n  { call = "daily", args = { { now = 400000000, last = 100000000, streak = 9 } },\n    expect = { amount = 1000, streak = 1, wait = 72000000 } },\n  { call = "tap", args = { { now = 100005000, last = 100000000, streak = 4 } },\n    expect = { amount = 0, streak = 4, wait = 5000 } },\n}\n','\n',char(10)),10);
CREATE TABLE reward_claims (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL,
    last_at INTEGER NOT NULL,
    streak INTEGER NOT NULL,
    PRIMARY KEY (account_id, kind)) WITHOUT ROWID;
INSERT INTO reward_claims VALUES(9,'daily',1796139904537,1);
CREATE TABLE pools (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL UNIQUE REFERENCES assets(id),
    account_id INTEGER NOT NULL UNIQUE REFERENCES accounts(id),
    created_seq INTEGER NOT NULL);
INSERT INTO pools VALUES(1,2,5,2);
INSERT INTO pools VALUES(2,3,6,4);
INSERT INTO pools VALUES(3,4,7,6);
INSERT INTO pools VALUES(4,5,8,8);
CREATE TABLE pool_history (
    id INTEGER PRIMARY KEY,
    pool_id INTEGER NOT NULL REFERENCES pools(id),
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    reserve_items INTEGER NOT NULL CHECK (reserve_items > 0),
    reserve_tickets INTEGER NOT NULL CHECK (reserve_tickets > 0),
    volume_tickets INTEGER NOT NULL CHECK (volume_tickets >= 0));
INSERT INTO pool_history VALUES(1,1,2,1796139904523,100000,2000000,0);
INSERT INTO pool_history VALUES(2,2,4,1796139904528,40000,2000000,0);
INSERT INTO pool_history VALUES(3,3,6,1796139904529,10000,2000000,0);
INSERT INTO pool_history VALUES(4,4,8,1796139904531,2000,2000000,0);
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
CREATE TABLE fills (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    buy_order INTEGER NOT NULL REFERENCES orders(id),
    sell_order INTEGER NOT NULL REFERENCES orders(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    price INTEGER NOT NULL CHECK (price > 0),
    fee INTEGER NOT NULL CHECK (fee >= 0));
CREATE TABLE bot_players (
    user_id INTEGER PRIMARY KEY,
    account TEXT NOT NULL UNIQUE,
    username TEXT,
    referrer TEXT,
    joined_at INTEGER NOT NULL);
INSERT INTO bot_players VALUES(-1416938361608708,'alice','alice',NULL,1796139904536);
INSERT INTO bot_players VALUES(-5309679613089,'bob','bob',NULL,1796139904540);
CREATE TABLE bot_pending (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL,
    command TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
    closed_by TEXT,
    created_at INTEGER NOT NULL);
INSERT INTO bot_pending VALUES(1,'play-A8D5222E-E3BB-4AA9-93D0-BA1DCF16DE5A',-1416938361608708,'{"transfer":{"memo":"thanks","from":"alice","to":"bob","asset":"TIX","amount":100}}','open',NULL,1796139904542);
CREATE TABLE bot_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    method TEXT NOT NULL,
    body TEXT NOT NULL);
CREATE TABLE bot_offset (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    next_update INTEGER NOT NULL);
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
CREATE TABLE bot_craft_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    job INTEGER NOT NULL);
INSERT INTO bot_craft_cursor VALUES(1,0,0);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('bot_pending',1);
CREATE INDEX postings_by_debit ON postings(debit_id, id);
CREATE INDEX postings_by_credit ON postings(credit_id, id);
CREATE INDEX pool_history_by_pool ON pool_history(pool_id, id);
CREATE INDEX orders_book ON orders(asset_id, side, price, id) WHERE state = 'open';
CREATE INDEX orders_by_account ON orders(account_id, id);
CREATE INDEX orders_expiring ON orders(expires_at) WHERE state = 'open' AND expires_at IS NOT NULL;
CREATE INDEX bot_players_by_username ON bot_players(username);
CREATE INDEX jobs_due ON jobs(due_at, id) WHERE state = 'pending';
CREATE INDEX jobs_by_owner ON jobs(owner_id, id);
CREATE INDEX jobs_by_factory ON jobs(factory_id) WHERE state = 'pending';
CREATE INDEX jobs_finished_crafts ON jobs(finished_seq, id) WHERE state = 'done' AND kind = 'craft';
COMMIT;
