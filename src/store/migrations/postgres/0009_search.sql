-- Full-text search over what visitors and members wrote: transcripts, notes (form answers
-- among them), and each request's visitor name and email. Each row's terms are a generated
-- column, so every write, edit and deletion keeps them in its own transaction; GIN indexes
-- find the rows, and an organization's rows are one id range. Words are runs of letters and
-- digits, as the server splits a search: PostgreSQL's own parser would read `A-1001` as `a`
-- and `-1001`.
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g'))
) STORED;
ALTER TABLE notes ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g'))
) STORED;
ALTER TABLE requests ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(
        title || ' ' || coalesce(visitor_name, '') || ' ' || coalesce(visitor_email, ''), '[^[:alnum:]]+', ' ', 'g'
    ))
) STORED;
CREATE INDEX messages_search ON messages USING gin (search);
CREATE INDEX notes_search ON notes USING gin (search);
CREATE INDEX requests_search ON requests USING gin (search);
