-- Analytics series read the timeline by time: without these, a window would scan the archive.
CREATE INDEX events_at ON events (at);
CREATE INDEX messages_agent_at ON messages (created_at) WHERE sender = 'agent';

-- Single-use codes that sign a member in to the dashboard; kept as digests.
CREATE TABLE sign_in_codes (
    hash       BLOB PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (id),
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
