-- Requests, notes, messages and events are numbered per organization: a row's id becomes
-- its organization in the high 32 bits and its number in the low 32. Every existing row
-- keeps its old id as its number, so a number written down (or the last line of a partly
-- written export) still means the same row; each organization counts on from its largest.
-- New ids sit at or above 2^32 and old ones below, so no rewritten id meets an old one.
PRAGMA defer_foreign_keys = ON;

UPDATE notes SET
    id = ((SELECT r.org_id FROM requests r WHERE r.id = notes.request_id) << 32) | id,
    request_id = ((SELECT r.org_id FROM requests r WHERE r.id = notes.request_id) << 32) | request_id;
UPDATE messages SET
    id = ((SELECT r.org_id FROM requests r WHERE r.id = messages.request_id) << 32) | id,
    request_id = ((SELECT r.org_id FROM requests r WHERE r.id = messages.request_id) << 32) | request_id;
UPDATE events SET
    id = ((SELECT r.org_id FROM requests r WHERE r.id = events.request_id) << 32) | id,
    request_id = ((SELECT r.org_id FROM requests r WHERE r.id = events.request_id) << 32) | request_id;
UPDATE requests SET id = (org_id << 32) | id;

-- The last number each organization gave out, kept in the transaction that takes the next.
CREATE TABLE org_numbers (
    org_id   INTEGER PRIMARY KEY REFERENCES organizations (id),
    requests INTEGER NOT NULL DEFAULT 0,
    notes    INTEGER NOT NULL DEFAULT 0,
    messages INTEGER NOT NULL DEFAULT 0,
    events   INTEGER NOT NULL DEFAULT 0
);

INSERT INTO org_numbers (org_id, requests, notes, messages, events)
SELECT o.id,
       coalesce((SELECT max(id) FROM requests WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295,
       coalesce((SELECT max(id) FROM notes WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295,
       coalesce((SELECT max(id) FROM messages WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295,
       coalesce((SELECT max(id) FROM events WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295
FROM organizations o;
