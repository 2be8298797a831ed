package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded store's pool: reuse, the reset of an unfinished transaction, limits, disposal. */
class ConnectionPoolTest {
  private final List<Connection> physical = new ArrayList<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final JdbcDataSource h2 = new JdbcDataSource();

  ConnectionPoolTest() {
    h2.setURL("jdbc:h2:mem:pool" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  }

  private ConnectionPool pool(int size, Duration wait) {
    return new ConnectionPool(
        () -> {
          opened.incrementAndGet();
          Connection c = h2.getConnection();
          physical.add(c);
          return c;
        },
        size,
        wait);
  }

  @AfterEach
  void closeAll() throws SQLException {
    for (Connection c : physical) {
      c.close();
    }
  }

  private static long session(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aConnectionGivenBack_isHandedOutAgain_withoutOpeningAnother() throws SQLException {
    ConnectionPool pool = pool(4, Duration.ofSeconds(1));
    long first;
    try (Connection c = pool.getConnection()) {
      first = session(c);
    }
    try (Connection c = pool.getConnection()) {
      assertThat(session(c)).isEqualTo(first);
    }
    assertThat(opened).hasValue(1);
  }

  @Test
  void aConnectionGivenBackInsideATransaction_isRolledBackAndInAutocommitAgain()
      throws SQLException {
    ConnectionPool pool = pool(1, Duration.ofSeconds(1));
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO t VALUES (1)");
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      assertThat(rs.getInt(1)).as("rows of the unfinished transaction").isZero();
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void whenEveryConnectionIsLeased_theNextCallerWaitsThenGetsATemporaryFailure()
      throws SQLException {
    ConnectionPool pool = pool(2, Duration.ofMillis(50));
    try (Connection a = pool.getConnection();
        Connection b = pool.getConnection()) {
      assertThatThrownBy(pool::getConnection)
          .isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageContaining("all 2 connections")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("08001");
    }
    try (Connection c = pool.getConnection()) {
      assertThat(c.isValid(1)).as("a lease given back frees its place").isTrue();
    }
  }

  @Test
  void aClosedLease_refusesUse_andClosingItAgainChangesNothing() throws SQLException {
    ConnectionPool pool = pool(1, Duration.ofMillis(50));
    Connection lease = pool.getConnection();
    lease.close();
    lease.close();

    assertThat(lease.isClosed()).isTrue();
    assertThatThrownBy(lease::createStatement)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("after it was closed");
    try (Connection c = pool.getConnection()) {
      assertThat(c.isClosed()).as("the one place is free once, not twice").isFalse();
      assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
    }
  }

  @Test
  void dispose_closesIdleConnectionsNow_andALeasedOneWhenGivenBack() throws SQLException {
    ConnectionPool pool = pool(2, Duration.ofMillis(50));
    Connection leased = pool.getConnection();
    pool.getConnection().close();

    pool.dispose();

    assertThat(physical).hasSize(2);
    assertThat(physical.get(1).isClosed()).as("the idle one").isTrue();
    assertThat(physical.get(0).isClosed()).as("the leased one, still in use").isFalse();
    leased.close();
    assertThat(physical.get(0).isClosed()).isTrue();
    assertThatThrownBy(pool::getConnection)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("closed");
  }
}
