-- Running a team: removed members keep their history; tokens are named, may expire and are
-- revoked rather than deleted; invitations are single-use codes kept as digests; bots carry
-- their automatic texts and Live Chat Request Form as JSON (NULL: the defaults); bot
-- integration keys vouch for a channel's user ids. What a form says of the visitor belongs
-- to its request, so a later form cannot rewrite an earlier request.
ALTER TABLE members ADD COLUMN removed_at INTEGER;

ALTER TABLE tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
ALTER TABLE tokens ADD COLUMN revoked_at INTEGER;
CREATE INDEX tokens_member ON tokens (member_id);

ALTER TABLE bots ADD COLUMN texts TEXT;
ALTER TABLE bots ADD COLUMN form TEXT;

ALTER TABLE requests ADD COLUMN visitor_name TEXT;
ALTER TABLE requests ADD COLUMN visitor_email TEXT;
UPDATE requests SET
    visitor_name = (SELECT v.name FROM visitors v WHERE v.id = requests.visitor_id),
    visitor_email = (SELECT v.email FROM visitors v WHERE v.id = requests.visitor_id);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organizations (id),
    email       TEXT NOT NULL,
    name        TEXT,
    role        TEXT NOT NULL,
    bot_ids     TEXT NOT NULL,
    hash        BLOB NOT NULL UNIQUE,
    created_by  INTEGER NOT NULL REFERENCES members (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    accepted_at INTEGER,
    member_id   INTEGER REFERENCES members (id),
    revoked_at  INTEGER
);
CREATE INDEX invitations_org ON invitations (org_id, id);

CREATE TABLE bot_keys (
    id           INTEGER PRIMARY KEY,
    bot_id       INTEGER NOT NULL REFERENCES bots (id),
    hash         BLOB NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX bot_keys_bot ON bot_keys (bot_id, id);
