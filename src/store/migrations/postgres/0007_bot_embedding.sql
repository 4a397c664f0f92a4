-- The sites that may frame a bot's chat page, as a JSON array of origins; NULL for none.
ALTER TABLE bots ADD COLUMN embed_origins TEXT;
