-- The audit log: one row per administrative change, written in the transaction that makes
-- the change. Rows are only ever added; the triggers refuse any change, and any deletion
-- of a row younger than 400 days, whoever asks. No foreign keys: checking one locks the
-- organization's or the actor's row, which a team change holds while it waits for rows
-- the audited change holds; organizations and members are never deleted anyway.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL,
    at              INTEGER NOT NULL,
    -- NULL when the server acted by itself (a retention sweep).
    actor_member_id INTEGER,
    action          TEXT NOT NULL,
    target          TEXT NOT NULL,
    -- The first 16 bytes of SHA-256 of the caller's address, when the call came over a socket.
    address         BLOB,
    -- A JSON object naming what changed; never a secret.
    summary         TEXT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, id);
-- The retention sweep finds records past their time by age.
CREATE INDEX audit_log_age ON audit_log (org_id, at);
CREATE TRIGGER audit_log_never_changes BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit records are never changed');
END;
CREATE TRIGGER audit_log_kept_400_days BEFORE DELETE ON audit_log
WHEN old.at > (CAST(strftime('%s', 'now') AS INTEGER) - 400 * 86400) * 1000
BEGIN
    SELECT RAISE(ABORT, 'audit records are kept for 400 days');
END;

-- Which request a delivery tells of, so deleting or erasing a request reaches its payloads.
-- Deliveries made before this migration name none.
ALTER TABLE webhook_deliveries ADD COLUMN request_id INTEGER REFERENCES requests (id);
CREATE INDEX webhook_deliveries_request ON webhook_deliveries (request_id) WHERE request_id IS NOT NULL;

-- Retention: closed requests older than this many days are deleted; NULL keeps them all.
ALTER TABLE organizations ADD COLUMN retain_closed_days INTEGER;
-- The retention sweep finds an organization's closed requests by when they closed.
CREATE INDEX requests_closed ON requests (org_id, state, closed_at);

-- The change feed. Each transaction that changes requests takes the organization's next
-- change number under its append order, so numbers commit in order, and records it for the
-- requests it changed (or deleted); a feed that read up to N never misses a lower number
-- committed later. Neither table has a foreign key: a row updated twice in one transaction
-- has its keys checked again, and a writer holding the append order must never wait for the
-- organization's row, which team changes hold while they wait for members' rows.
CREATE TABLE org_changes (
    org_id INTEGER PRIMARY KEY,
    seq    INTEGER NOT NULL
);
CREATE TABLE request_changes (
    request_id     INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    -- Set when retention deleted the request: why, and when.
    deleted_reason TEXT,
    deleted_at     INTEGER
);
CREATE INDEX request_changes_feed ON request_changes (org_id, seq, request_id);
INSERT INTO request_changes (request_id, org_id, seq) SELECT id, org_id, 0 FROM requests;

-- A policy may keep closed requests until a verified export holds them. An export's receipt
-- names the requests it held: ids from first to last, closed within its window and before
-- the receipt; the server checked their count against the export's when it took the receipt.
ALTER TABLE organizations ADD COLUMN retain_after_export INTEGER NOT NULL DEFAULT 0;
CREATE TABLE export_receipts (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    first_id     INTEGER NOT NULL,
    last_id      INTEGER NOT NULL,
    closed_since INTEGER,
    closed_until INTEGER,
    records      INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX export_receipts_org ON export_receipts (org_id, first_id);
