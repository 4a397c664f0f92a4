-- Analytics select requests by when they were created, across every state.
CREATE INDEX requests_created ON requests (org_id, created_at);
