-- Every received mail message, recorded before it is processed so that none is lost or processed
-- twice; the raw bytes are in the attachment store under raw_sha256. Listing a status pages on
-- (received_at, mail_key), which the index serves in order.
CREATE TABLE mail_archive (
  mail_key    VARCHAR(200) COLLATE "C" NOT NULL PRIMARY KEY,
  raw_sha256  CHAR(64) COLLATE "C" NOT NULL,
  size        BIGINT NOT NULL,
  source      VARCHAR(100) NOT NULL,
  received_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  status      VARCHAR(16) NOT NULL,
  detail      VARCHAR(1000) NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  lease_owner VARCHAR(200),
  lease_until TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX mail_archive_status ON mail_archive (status, received_at, mail_key);
