-- caremap's schema on SQLite. Timestamps are microseconds since the Unix epoch (UTC), so that
-- both backends compare them the same way. Bodies are the item's JSON as text.

CREATE TABLE maps (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    as_of        TEXT,
    categories   TEXT NOT NULL,
    care_types   TEXT NOT NULL,
    public_slug  TEXT UNIQUE,
    created_us   INTEGER NOT NULL
);

CREATE TABLE elements (
    map_id   INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    item_id  TEXT NOT NULL,
    ord      INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (map_id, item_id)
);

CREATE TABLE connections (
    map_id   INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    item_id  TEXT NOT NULL,
    ord      INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    from_id  TEXT NOT NULL,
    to_id    TEXT NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (map_id, item_id),
    FOREIGN KEY (map_id, from_id) REFERENCES elements(map_id, item_id),
    FOREIGN KEY (map_id, to_id) REFERENCES elements(map_id, item_id)
);
CREATE INDEX connections_from ON connections(map_id, from_id);
CREATE INDEX connections_to ON connections(map_id, to_id);

CREATE TABLE history (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    map_id       INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    at_us        INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete', 'erase')),
    item_kind    TEXT NOT NULL CHECK (item_kind IN ('element', 'connection', 'map')),
    item_id      TEXT NOT NULL,
    ord          INTEGER,
    version      INTEGER,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX history_map_seq ON history(map_id, seq);
CREATE INDEX history_map_at ON history(map_id, at_us);
CREATE INDEX history_item ON history(map_id, item_kind, item_id);

CREATE TABLE snapshots (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    map_id   INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    at_us    INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    network  TEXT NOT NULL,
    UNIQUE (map_id, name)
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT,
    created_us     INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_us    INTEGER NOT NULL,
    last_seen_us  INTEGER NOT NULL,
    expires_us    INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    created_us    INTEGER NOT NULL,
    last_used_us  INTEGER,
    UNIQUE (user_id, name)
);

CREATE TABLE memberships (
    map_id   INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    PRIMARY KEY (map_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);
