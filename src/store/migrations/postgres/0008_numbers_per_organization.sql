-- Requests, notes, messages and events are numbered per organization: a row's id becomes
-- its organization in the high 32 bits and its number in the low 32. Every existing row
-- keeps its old id as its number, so a number written down (or the last line of a partly
-- written export) still means the same row; each organization counts on from its largest.
-- New ids sit at or above 2^32 and old ones below, so no rewritten id meets an old one.
-- The references to requests cannot be deferred, so they are taken off while ids move.
ALTER TABLE notes DROP CONSTRAINT notes_request_id_fkey;
ALTER TABLE messages DROP CONSTRAINT messages_request_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_request_id_fkey;

UPDATE notes n SET id = (r.org_id << 32) | n.id, request_id = (r.org_id << 32) | n.request_id
FROM requests r WHERE r.id = n.request_id;
UPDATE messages m SET id = (r.org_id << 32) | m.id, request_id = (r.org_id << 32) | m.request_id
FROM requests r WHERE r.id = m.request_id;
UPDATE events e SET id = (r.org_id << 32) | e.id, request_id = (r.org_id << 32) | e.request_id
FROM requests r WHERE r.id = e.request_id;
UPDATE requests SET id = (org_id << 32) | id;

ALTER TABLE notes ADD CONSTRAINT notes_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests (id);
ALTER TABLE messages ADD CONSTRAINT messages_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests (id);
ALTER TABLE events ADD CONSTRAINT events_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests (id);

-- The last number each organization gave out, kept in the transaction that takes the next.
CREATE TABLE org_numbers (
    org_id   BIGINT PRIMARY KEY REFERENCES organizations (id),
    requests BIGINT NOT NULL DEFAULT 0,
    notes    BIGINT NOT NULL DEFAULT 0,
    messages BIGINT NOT NULL DEFAULT 0,
    events   BIGINT NOT NULL DEFAULT 0
);

INSERT INTO org_numbers (org_id, requests, notes, messages, events)
SELECT o.id,
       coalesce((SELECT max(id) FROM requests WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295,
       coalesce((SELECT max(id) FROM notes WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295,
       coalesce((SELECT max(id) FROM messages WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295,
       coalesce((SELECT max(id) FROM events WHERE id BETWEEN o.id << 32 AND (o.id << 32) | 4294967295), 0) & 4294967295
FROM organizations o;
