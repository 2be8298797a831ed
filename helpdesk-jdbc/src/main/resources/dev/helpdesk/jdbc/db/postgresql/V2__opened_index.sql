-- Reports read the tickets opened in a period: keyset on (opened_at, id).
CREATE INDEX tickets_opened ON tickets (opened_at, id);
