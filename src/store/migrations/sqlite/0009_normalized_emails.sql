-- Members' and invitations' emails are stored normalized, as domain::team::Email writes them
-- (ASCII letters lower-cased; SQLite's lower() changes only those), so the unique index on
-- (org_id, email) holds for every spelling of an address and lookups can use it. Where two
-- members of one organization differ only in case, both stay as written: merging people is
-- not a migration's call, and each can still be named by id.
UPDATE members SET email = lower(email)
WHERE email <> lower(email)
  AND NOT EXISTS (
    SELECT 1 FROM members o
    WHERE o.org_id = members.org_id AND o.id <> members.id AND lower(o.email) = lower(members.email)
  );

UPDATE invitations SET email = lower(email) WHERE email <> lower(email);
CREATE INDEX invitations_email ON invitations (org_id, email);
