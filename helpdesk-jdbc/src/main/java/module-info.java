/**
 * The JDBC store through Jdbi: schema migrations, tickets, attachments and the mail archive on H2
 * (embedded default), PostgreSQL and MariaDB.
 */
module dev.helpdesk.jdbc {
  requires transitive dev.helpdesk.core;
  requires transitive java.sql;
  requires transitive org.jdbi.v3.core;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires static com.h2database;
  requires static java.naming; // a supertype of H2's data source
  requires com.google.common;
  requires org.slf4j;

  exports dev.helpdesk.jdbc;

  // The stored-format mapping: Jackson reads its mix-ins and builds the core records reflectively.
  opens dev.helpdesk.jdbc.internal to
      com.fasterxml.jackson.databind;
}
