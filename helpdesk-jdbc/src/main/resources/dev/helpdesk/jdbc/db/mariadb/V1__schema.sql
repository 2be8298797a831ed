-- helpdesk schema V1 for MariaDB 10.11+. DATETIME(6) columns hold UTC, microsecond precision.
-- utf8mb4_bin: identifiers compare exactly (no case folding) and ORDER BY matches Java's String
-- order. MariaDB DDL is not transactional, so every statement is idempotent (IF NOT EXISTS) and a
-- failed run can simply be repeated.

CREATE TABLE IF NOT EXISTS tickets (
  id              CHAR(36) NOT NULL PRIMARY KEY,
  reference       VARCHAR(16) NOT NULL UNIQUE,
  version         BIGINT NOT NULL,
  department      VARCHAR(64) NOT NULL,
  status          VARCHAR(32) NOT NULL,
  in_queue        TINYINT(1) NOT NULL,
  queue_due       DATETIME(6) NOT NULL,
  urgency         INT NOT NULL,
  opened_at       DATETIME(6) NOT NULL,
  customer_id     VARCHAR(64),
  organization_id VARCHAR(64),
  incident_id     CHAR(36),
  sla_next_check  DATETIME(6),
  state           LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (department, in_queue, queue_due, urgency, opened_at, id);
CREATE INDEX IF NOT EXISTS tickets_sla_next_check ON tickets (sla_next_check, id);
CREATE INDEX IF NOT EXISTS tickets_customer ON tickets (customer_id, opened_at);
CREATE INDEX IF NOT EXISTS tickets_organization ON tickets (organization_id, opened_at);
CREATE INDEX IF NOT EXISTS tickets_incident ON tickets (incident_id);

CREATE TABLE IF NOT EXISTS thread_entries (
  id         CHAR(36) NOT NULL PRIMARY KEY,
  ticket_id  CHAR(36) NOT NULL,
  seq        INT NOT NULL,
  entry_at   DATETIME(6) NOT NULL,
  message_id VARCHAR(998),
  json       LONGTEXT NOT NULL,
  CONSTRAINT thread_entries_ticket_seq UNIQUE (ticket_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS thread_entries_message_id ON thread_entries (message_id(255));

CREATE TABLE IF NOT EXISTS events (
  ticket_id CHAR(36) NOT NULL,
  version   BIGINT NOT NULL,
  type      VARCHAR(64) NOT NULL,
  json      LONGTEXT NOT NULL,
  PRIMARY KEY (ticket_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS outbox (
  msg_key         VARCHAR(200) NOT NULL PRIMARY KEY,
  ticket_id       CHAR(36) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  payload         LONGTEXT NOT NULL,
  delivered_at    DATETIME(6),
  lease_owner     VARCHAR(200),
  lease_until     DATETIME(6),
  attempts        INT NOT NULL DEFAULT 0,
  last_error      VARCHAR(2000),
  next_attempt_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (delivered_at, next_attempt_at);

CREATE TABLE IF NOT EXISTS once_keys (
  once_key   VARCHAR(255) NOT NULL PRIMARY KEY,
  ticket_id  CHAR(36) NOT NULL,
  created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS incidents (
  id   CHAR(36) NOT NULL PRIMARY KEY,
  json LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS templates (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  json LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Attachment bytes are stored in chunks so that no driver ever holds a whole file in memory and no
-- single statement exceeds a server's packet limit.
CREATE TABLE IF NOT EXISTS attachments (
  sha256     CHAR(64) NOT NULL PRIMARY KEY,
  size       BIGINT NOT NULL,
  chunk_size INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS attachment_chunks (
  sha256 CHAR(64) NOT NULL,
  seq    INT NOT NULL,
  data   MEDIUMBLOB NOT NULL,
  PRIMARY KEY (sha256, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
