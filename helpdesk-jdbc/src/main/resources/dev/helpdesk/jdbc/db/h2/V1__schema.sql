-- helpdesk schema V1 for H2 2.x. Times are UTC, microsecond precision. H2 compares strings by
-- code point, so ORDER BY matches Java's String order (keyset pagination). H2 commits DDL
-- implicitly, so every statement is idempotent (IF NOT EXISTS) and a failed run can be repeated.
-- JSON is CHARACTER VARYING, not CLOB: H2 copies every CLOB of a result row into its LOB store,
-- a write per row read, which made queue pages of a large file take seconds.

CREATE TABLE IF NOT EXISTS tickets (
  id              CHAR(36) NOT NULL PRIMARY KEY,
  reference       VARCHAR(16) NOT NULL UNIQUE,
  version         BIGINT NOT NULL,
  department      VARCHAR(64) NOT NULL,
  status          VARCHAR(32) NOT NULL,
  in_queue        BOOLEAN NOT NULL,
  queue_due       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  urgency         INT NOT NULL,
  opened_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  customer_id     VARCHAR(64),
  organization_id VARCHAR(64),
  incident_id     CHAR(36),
  sla_next_check  TIMESTAMP(6) WITH TIME ZONE,
  state           CHARACTER VARYING NOT NULL
);
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (department, in_queue, queue_due, urgency, opened_at, id);
CREATE INDEX IF NOT EXISTS tickets_sla_next_check ON tickets (sla_next_check, id);
CREATE INDEX IF NOT EXISTS tickets_customer ON tickets (customer_id, opened_at);
CREATE INDEX IF NOT EXISTS tickets_organization ON tickets (organization_id, opened_at);
CREATE INDEX IF NOT EXISTS tickets_incident ON tickets (incident_id);

CREATE TABLE IF NOT EXISTS thread_entries (
  id         CHAR(36) NOT NULL PRIMARY KEY,
  ticket_id  CHAR(36) NOT NULL,
  seq        INT NOT NULL,
  entry_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  message_id VARCHAR(998),
  json       CHARACTER VARYING NOT NULL,
  CONSTRAINT thread_entries_ticket_seq UNIQUE (ticket_id, seq)
);
CREATE INDEX IF NOT EXISTS thread_entries_message_id ON thread_entries (message_id);

CREATE TABLE IF NOT EXISTS events (
  ticket_id CHAR(36) NOT NULL,
  version   BIGINT NOT NULL,
  type      VARCHAR(64) NOT NULL,
  json      CHARACTER VARYING NOT NULL,
  PRIMARY KEY (ticket_id, version)
);

CREATE TABLE IF NOT EXISTS outbox (
  msg_key         VARCHAR(200) NOT NULL PRIMARY KEY,
  ticket_id       CHAR(36) NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  payload         CHARACTER VARYING NOT NULL,
  delivered_at    TIMESTAMP(6) WITH TIME ZONE,
  lease_owner     VARCHAR(200),
  lease_until     TIMESTAMP(6) WITH TIME ZONE,
  attempts        INT NOT NULL DEFAULT 0,
  last_error      VARCHAR(2000),
  next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (delivered_at, next_attempt_at);

CREATE TABLE IF NOT EXISTS once_keys (
  once_key   VARCHAR(255) NOT NULL PRIMARY KEY,
  ticket_id  CHAR(36) NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS incidents (
  id   CHAR(36) NOT NULL PRIMARY KEY,
  json CHARACTER VARYING NOT NULL
);

CREATE TABLE IF NOT EXISTS templates (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  json CHARACTER VARYING NOT NULL
);

-- Attachment bytes are stored in chunks so that no driver ever holds a whole file in memory and no
-- single statement exceeds a server's packet limit.
CREATE TABLE IF NOT EXISTS attachments (
  sha256     CHAR(64) NOT NULL PRIMARY KEY,
  size       BIGINT NOT NULL,
  chunk_size INT NOT NULL
);

CREATE TABLE IF NOT EXISTS attachment_chunks (
  sha256 CHAR(64) NOT NULL,
  seq    INT NOT NULL,
  data   BLOB NOT NULL,
  PRIMARY KEY (sha256, seq)
);
