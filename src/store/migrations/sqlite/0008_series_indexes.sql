-- Analytics series read the timeline by time: without these, a window would scan the archive.
CREATE INDEX events_at ON events (at);
CREATE INDEX messages_agent_at ON messages (created_at) WHERE sender = 'agent';
