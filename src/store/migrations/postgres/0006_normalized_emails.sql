-- Members' and invitations' emails are stored normalized, as domain::team::Email writes them
-- (ASCII letters lower-cased: lower() would follow the locale, hence translate()), so the
-- unique index on (org_id, email) holds for every spelling of an address and lookups can use
-- it. Where two members of one organization differ only in case, both stay as written:
-- merging people is not a migration's call, and each can still be named by id.
CREATE FUNCTION pg_temp.ascii_lower(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE
AS $$ SELECT translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') $$;

UPDATE members SET email = pg_temp.ascii_lower(email)
WHERE email <> pg_temp.ascii_lower(email)
  AND NOT EXISTS (
    SELECT 1 FROM members o
    WHERE o.org_id = members.org_id AND o.id <> members.id
      AND pg_temp.ascii_lower(o.email) = pg_temp.ascii_lower(members.email)
  );

UPDATE invitations SET email = pg_temp.ascii_lower(email) WHERE email <> pg_temp.ascii_lower(email);
CREATE INDEX invitations_email ON invitations (org_id, email);

DROP FUNCTION pg_temp.ascii_lower(TEXT);
