-- a table for migrator tests
CREATE TABLE probe (id BIGINT NOT NULL PRIMARY KEY);
