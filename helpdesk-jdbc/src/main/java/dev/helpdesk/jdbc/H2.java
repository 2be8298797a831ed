package dev.helpdesk.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The only class that names H2's classes, so that the optional H2 driver is needed only by hosts
 * that use the embedded default store.
 */
final class H2 {
  private H2() {}

  /** Connections enough for a desk's threads; H2 serializes writes anyway. */
  private static final int POOL_SIZE = 16;

  static DataSource dataSource(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }

  /**
   * A pool over {@code url}. Its idle connections keep the database open: without them H2 opens and
   * closes the file around every statement, which made the embedded store some 30 times slower than
   * H2 in memory.
   */
  static DataSource pool(String url) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
    pool.setMaxConnections(POOL_SIZE);
    return pool;
  }

  /** Closes every connection of a pool from {@link #pool(String)}, and so the database. */
  static void dispose(DataSource pool) {
    ((JdbcConnectionPool) pool).dispose();
  }
}
