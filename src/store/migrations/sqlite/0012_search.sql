-- Full-text search over what visitors and members wrote: transcripts, notes (form answers
-- among them), and each request's visitor name and email. The indexes are contentless: the
-- text stays in its own table and the index holds only terms, keyed by the row's id, so an
-- organization's rows are one rowid range. Triggers keep them in the writing transaction,
-- whichever writer it is, and follow every edit and deletion. Accents count, as they do in
-- PostgreSQL's index, so a search finds the same requests on either store.
CREATE VIRTUAL TABLE messages_search USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE notes_search USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE requests_search USING fts5(
    title, visitor_name, visitor_email, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO messages_search (rowid, body) SELECT id, body FROM messages;
INSERT INTO notes_search (rowid, body) SELECT id, body FROM notes;
INSERT INTO requests_search (rowid, title, visitor_name, visitor_email)
SELECT id, title, visitor_name, visitor_email FROM requests;

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_search (rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF body ON messages BEGIN
    DELETE FROM messages_search WHERE rowid = OLD.id;
    INSERT INTO messages_search (rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM messages_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_search (rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER notes_search_update AFTER UPDATE OF body ON notes BEGIN
    DELETE FROM notes_search WHERE rowid = OLD.id;
    INSERT INTO notes_search (rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    DELETE FROM notes_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER requests_search_insert AFTER INSERT ON requests BEGIN
    INSERT INTO requests_search (rowid, title, visitor_name, visitor_email)
    VALUES (NEW.id, NEW.title, NEW.visitor_name, NEW.visitor_email);
END;
CREATE TRIGGER requests_search_update AFTER UPDATE OF title, visitor_name, visitor_email ON requests BEGIN
    DELETE FROM requests_search WHERE rowid = OLD.id;
    INSERT INTO requests_search (rowid, title, visitor_name, visitor_email)
    VALUES (NEW.id, NEW.title, NEW.visitor_name, NEW.visitor_email);
END;
CREATE TRIGGER requests_search_delete AFTER DELETE ON requests BEGIN
    DELETE FROM requests_search WHERE rowid = OLD.id;
END;
