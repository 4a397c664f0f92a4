-- Labels a team puts on requests, by name (lowercased by the server). An organization's
-- labels are those on its requests, so a label exists while one request holds it.
CREATE TABLE request_labels (
    request_id BIGINT NOT NULL REFERENCES requests (id),
    name       TEXT NOT NULL,
    PRIMARY KEY (request_id, name)
);
CREATE INDEX request_labels_name ON request_labels (name, request_id);
