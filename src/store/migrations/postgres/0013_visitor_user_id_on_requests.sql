-- A request carries its visitor's user id, which never changes (erasure rewrites both), so a
-- page of requests reads no visitor row.
ALTER TABLE requests ADD COLUMN visitor_user_id TEXT NOT NULL DEFAULT '';
UPDATE requests r SET visitor_user_id = v.user_id FROM visitors v WHERE v.id = r.visitor_id;
