-- Outgoing webhooks. `webhook_deliveries` is the outbox: a change writes one row per hook
-- that wants its event in the same transaction as the change itself, so an event is never
-- lost or invented. A hook's secret signs its deliveries, so it is kept as it was made.
CREATE TABLE webhooks (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES organizations (id),
    url             TEXT NOT NULL,
    events          TEXT NOT NULL,
    bot_id          INTEGER REFERENCES bots (id),
    secret          TEXT NOT NULL,
    status          TEXT NOT NULL,
    disabled_reason TEXT,
    created_at      INTEGER NOT NULL,
    removed_at      INTEGER
);
CREATE INDEX webhooks_org ON webhooks (org_id, id);

CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks (id),
    event_type      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_at         INTEGER,
    lease_until     INTEGER,
    last_attempt_at INTEGER,
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    INTEGER
);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
-- Each hook's undelivered rows, so finding its oldest skips what was delivered long ago.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, id) WHERE state = 'pending';
