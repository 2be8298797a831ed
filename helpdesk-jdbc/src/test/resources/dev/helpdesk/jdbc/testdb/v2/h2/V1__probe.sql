-- a table for migrator tests
CREATE TABLE probe (id INT NOT NULL PRIMARY KEY);
