-- Times are Unix milliseconds (UTC). States are stored as their queue rank
-- (0 new, 1 assigned, 2 chatting, 3 resolved, 4 closed) so the queue order is an index order.

CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE members (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    email      TEXT NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    presence   TEXT NOT NULL DEFAULT 'offline',
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, email)
);

CREATE TABLE bots (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    name       TEXT NOT NULL,
    channels   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE bot_admins (
    member_id INTEGER NOT NULL REFERENCES members (id),
    bot_id    INTEGER NOT NULL REFERENCES bots (id),
    PRIMARY KEY (member_id, bot_id)
);

-- API tokens are stored as SHA-256 digests only.
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (id),
    hash       BLOB NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE visitors (
    id         INTEGER PRIMARY KEY,
    bot_id     INTEGER NOT NULL REFERENCES bots (id),
    user_id    TEXT NOT NULL,
    name       TEXT,
    email      TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (bot_id, user_id)
);

-- A visitor's conversation token (hashed); its current request is the visitor's newest one.
CREATE TABLE conversations (
    hash       BLOB PRIMARY KEY,
    visitor_id INTEGER NOT NULL REFERENCES visitors (id),
    channel    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE requests (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organizations (id),
    bot_id      INTEGER NOT NULL REFERENCES bots (id),
    channel     TEXT NOT NULL,
    visitor_id  INTEGER NOT NULL REFERENCES visitors (id),
    title       TEXT NOT NULL,
    state       INTEGER NOT NULL,
    assignee_id INTEGER REFERENCES members (id),
    created_at  INTEGER NOT NULL,
    assigned_at INTEGER,
    resolved_at INTEGER,
    closed_at   INTEGER,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL
);

CREATE INDEX requests_queue ON requests (org_id, state, created_at DESC, id DESC);
CREATE INDEX requests_visitor ON requests (visitor_id, id);
CREATE INDEX requests_archive_due ON requests (state, resolved_at);

CREATE TABLE notes (
    id               INTEGER PRIMARY KEY,
    request_id       INTEGER NOT NULL REFERENCES requests (id),
    kind             TEXT NOT NULL,
    author_member_id INTEGER REFERENCES members (id),
    body             TEXT NOT NULL,
    fields           TEXT,
    created_at       INTEGER NOT NULL
);

CREATE INDEX notes_request ON notes (request_id, id);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    sender     TEXT NOT NULL,
    member_id  INTEGER REFERENCES members (id),
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX messages_request ON messages (request_id, id);

-- The timeline: every state change, who made it and to whom the request went.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES requests (id),
    at              INTEGER NOT NULL,
    actor_member_id INTEGER REFERENCES members (id),
    actor_kind      TEXT NOT NULL,
    from_state      INTEGER,
    to_state        INTEGER NOT NULL,
    assignee_id     INTEGER REFERENCES members (id)
);

CREATE INDEX events_request ON events (request_id, id);
