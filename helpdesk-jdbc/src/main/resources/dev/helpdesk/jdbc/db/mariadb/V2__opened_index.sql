-- Reports read the tickets opened in a period: keyset on (opened_at, id).
CREATE INDEX IF NOT EXISTS tickets_opened ON tickets (opened_at, id);
