package dev.helpdesk.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The only class that names H2's classes, so that the optional H2 driver is needed only by hosts
 * that use the embedded default store.
 */
final class H2 {
  private H2() {}

  static DataSource dataSource(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }
}
