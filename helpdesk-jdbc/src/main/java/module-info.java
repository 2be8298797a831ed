/**
 * The JDBC store through Jdbi: schema migrations, tickets, attachments and the mail archive on H2
 * (embedded default), PostgreSQL and MariaDB.
 */
module dev.helpdesk.jdbc {
  requires transitive dev.helpdesk.core;
  requires transitive java.sql;
  requires org.jdbi.v3.core;
  requires static com.h2database;
  requires static java.naming; // a supertype of H2's data source
  requires com.google.common;
  requires org.slf4j;

  exports dev.helpdesk.jdbc;
}
