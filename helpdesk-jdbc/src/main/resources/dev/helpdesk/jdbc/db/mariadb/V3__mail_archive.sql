-- Every received mail message, recorded before it is processed so that none is lost or processed
-- twice; the raw bytes are in the attachment store under raw_sha256. Listing a status pages on
-- (received_at, mail_key), which the index serves in order. utf8mb4 so that a detail may quote
-- any text; _bin so that keys compare exactly.
CREATE TABLE IF NOT EXISTS mail_archive (
  mail_key    VARCHAR(200) NOT NULL PRIMARY KEY,
  raw_sha256  CHAR(64) NOT NULL,
  size        BIGINT NOT NULL,
  source      VARCHAR(100) NOT NULL,
  received_at DATETIME(6) NOT NULL,
  status      VARCHAR(16) NOT NULL,
  detail      VARCHAR(1000) NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  lease_owner VARCHAR(200),
  lease_until DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS mail_archive_status ON mail_archive (status, received_at, mail_key);
