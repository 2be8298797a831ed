-- helpdesk schema V1 for PostgreSQL 15+. Times are UTC, microsecond precision. Identifier columns
-- use the "C" collation so that ORDER BY matches Java's String order (keyset pagination).

CREATE TABLE tickets (
  id              CHAR(36) COLLATE "C" NOT NULL PRIMARY KEY,
  reference       VARCHAR(16) COLLATE "C" NOT NULL UNIQUE,
  version         BIGINT NOT NULL,
  department      VARCHAR(64) COLLATE "C" NOT NULL,
  status          VARCHAR(32) NOT NULL,
  in_queue        BOOLEAN NOT NULL,
  queue_due       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  urgency         INT NOT NULL,
  opened_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  customer_id     VARCHAR(64) COLLATE "C",
  organization_id VARCHAR(64) COLLATE "C",
  incident_id     CHAR(36) COLLATE "C",
  sla_next_check  TIMESTAMP(6) WITH TIME ZONE,
  state           TEXT NOT NULL
);
CREATE INDEX tickets_queue ON tickets (department, in_queue, queue_due, urgency, opened_at, id);
CREATE INDEX tickets_sla_next_check ON tickets (sla_next_check, id);
CREATE INDEX tickets_customer ON tickets (customer_id, opened_at);
CREATE INDEX tickets_organization ON tickets (organization_id, opened_at);
CREATE INDEX tickets_incident ON tickets (incident_id);

CREATE TABLE thread_entries (
  id         CHAR(36) COLLATE "C" NOT NULL PRIMARY KEY,
  ticket_id  CHAR(36) COLLATE "C" NOT NULL,
  seq        INT NOT NULL,
  entry_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  message_id VARCHAR(998),
  json       TEXT NOT NULL,
  CONSTRAINT thread_entries_ticket_seq UNIQUE (ticket_id, seq)
);
CREATE INDEX thread_entries_message_id ON thread_entries (message_id);

CREATE TABLE events (
  ticket_id CHAR(36) COLLATE "C" NOT NULL,
  version   BIGINT NOT NULL,
  type      VARCHAR(64) NOT NULL,
  json      TEXT NOT NULL,
  PRIMARY KEY (ticket_id, version)
);

CREATE TABLE outbox (
  msg_key         VARCHAR(200) COLLATE "C" NOT NULL PRIMARY KEY,
  ticket_id       CHAR(36) COLLATE "C" NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  payload         TEXT NOT NULL,
  delivered_at    TIMESTAMP(6) WITH TIME ZONE,
  lease_owner     VARCHAR(200),
  lease_until     TIMESTAMP(6) WITH TIME ZONE,
  attempts        INT NOT NULL DEFAULT 0,
  last_error      VARCHAR(2000),
  next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX outbox_pending ON outbox (delivered_at, next_attempt_at);

CREATE TABLE once_keys (
  once_key   VARCHAR(255) COLLATE "C" NOT NULL PRIMARY KEY,
  ticket_id  CHAR(36) COLLATE "C" NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE incidents (
  id   CHAR(36) COLLATE "C" NOT NULL PRIMARY KEY,
  json TEXT NOT NULL
);

CREATE TABLE templates (
  name VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY,
  json TEXT NOT NULL
);

-- Attachment bytes are stored in chunks so that no driver ever holds a whole file in memory and no
-- single statement exceeds a server's packet limit.
CREATE TABLE attachments (
  sha256     CHAR(64) COLLATE "C" NOT NULL PRIMARY KEY,
  size       BIGINT NOT NULL,
  chunk_size INT NOT NULL
);

CREATE TABLE attachment_chunks (
  sha256 CHAR(64) COLLATE "C" NOT NULL,
  seq    INT NOT NULL,
  data   BYTEA NOT NULL,
  PRIMARY KEY (sha256, seq)
);
