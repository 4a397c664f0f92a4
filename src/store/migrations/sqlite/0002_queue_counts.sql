-- Open requests counted per organization, bot, channel, state and assignee (0 for none),
-- kept exact by triggers in the same transaction as every change, so the backlog reads a
-- few dozen rows whatever the size of the archive.
CREATE TABLE queue_counts (
    org_id      INTEGER NOT NULL,
    bot_id      INTEGER NOT NULL,
    channel     TEXT NOT NULL,
    state       INTEGER NOT NULL,
    assignee_id INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (org_id, bot_id, channel, state, assignee_id)
) WITHOUT ROWID;

INSERT INTO queue_counts (org_id, bot_id, channel, state, assignee_id, n)
SELECT org_id, bot_id, channel, state, coalesce(assignee_id, 0), count(*)
FROM requests WHERE state < 3 GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER queue_counts_insert AFTER INSERT ON requests WHEN NEW.state < 3
BEGIN
    INSERT INTO queue_counts (org_id, bot_id, channel, state, assignee_id, n)
    VALUES (NEW.org_id, NEW.bot_id, NEW.channel, NEW.state, coalesce(NEW.assignee_id, 0), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER queue_counts_leave AFTER UPDATE OF state, assignee_id ON requests WHEN OLD.state < 3
BEGIN
    UPDATE queue_counts SET n = n - 1
    WHERE org_id = OLD.org_id AND bot_id = OLD.bot_id AND channel = OLD.channel
      AND state = OLD.state AND assignee_id = coalesce(OLD.assignee_id, 0);
END;

CREATE TRIGGER queue_counts_enter AFTER UPDATE OF state, assignee_id ON requests WHEN NEW.state < 3
BEGIN
    INSERT INTO queue_counts (org_id, bot_id, channel, state, assignee_id, n)
    VALUES (NEW.org_id, NEW.bot_id, NEW.channel, NEW.state, coalesce(NEW.assignee_id, 0), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER queue_counts_delete AFTER DELETE ON requests WHEN OLD.state < 3
BEGIN
    UPDATE queue_counts SET n = n - 1
    WHERE org_id = OLD.org_id AND bot_id = OLD.bot_id AND channel = OLD.channel
      AND state = OLD.state AND assignee_id = coalesce(OLD.assignee_id, 0);
END;
