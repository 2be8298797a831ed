package dev.helpdesk.jdbc;

import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The only class that names H2's classes, so that the optional H2 driver is needed only by hosts
 * that use the embedded default store.
 */
final class H2 {
  private H2() {}

  /**
   * Settings for the store's own pools; performance only, the data and its schema stay the same. H2
   * caches 8 parsed statements per connection by default, fewer than the store uses, so every
   * statement was parsed again. And a binary value longer than 256 bytes went to H2's LOB storage,
   * which writes it twice (a temporary LOB when bound, then a copy for the table): values up to
   * half a chunk now stay in their row, which covers most mail. A large attachment's full chunks
   * still go to LOB storage, so its transaction does not hold them all in H2's pages in memory.
   */
  private static final String TUNING =
      ";QUERY_CACHE_SIZE=128;MAX_LENGTH_INPLACE_LOB=" + ChunkedContent.CHUNK_BYTES / 2;

  /** Connections enough for a desk's threads; H2 serializes writes anyway. */
  private static final int POOL_SIZE = 16;

  /** How long a caller waits for a free connection before the store reports a temporary failure. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * A pool over {@code url}. Its idle connections keep the database open: without them H2 opens and
   * closes the file around every statement, which made the embedded store some 30 times slower than
   * H2 in memory.
   */
  static DataSource pool(String url, String user, String password) {
    JdbcDataSource physical = new JdbcDataSource();
    physical.setURL(url + TUNING);
    physical.setUser(user);
    physical.setPassword(password);
    return new ConnectionPool(physical::getConnection, POOL_SIZE, WAIT);
  }

  /**
   * Closes every connection of a pool from {@link #pool(String, String, String)}, and so the
   * database.
   */
  static void dispose(DataSource pool) {
    ((ConnectionPool) pool).dispose();
  }
}
