-- Covers the backlog's aggregates (per open state, per assignee, oldest new) so they read
-- the index alone instead of the table.
CREATE INDEX requests_open_load ON requests (org_id, state, assignee_id, created_at);
