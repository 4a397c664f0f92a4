-- Routing: how each bot's waiting requests are given out, how many open requests each
-- member holds at most (NULL takes the organization's default), and when each member was
-- last given one (the organization's routing counter), for round robin.
ALTER TABLE bots ADD COLUMN routing_mode TEXT NOT NULL DEFAULT 'off';
ALTER TABLE bots ADD COLUMN routing_order TEXT NOT NULL DEFAULT 'oldest';
ALTER TABLE organizations ADD COLUMN default_capacity INTEGER NOT NULL DEFAULT 6;
ALTER TABLE members ADD COLUMN capacity INTEGER;
ALTER TABLE members ADD COLUMN last_routed BIGINT NOT NULL DEFAULT 0;
