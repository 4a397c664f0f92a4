-- A digest of the client address that submitted a request form, so that the number of
-- open requests one address holds can be capped.
ALTER TABLE requests ADD COLUMN origin BLOB;
CREATE INDEX requests_origin ON requests (org_id, origin, state) WHERE origin IS NOT NULL;
