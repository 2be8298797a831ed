package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small pool for the embedded database: it keeps the connections it opened and hands them out
 * again, at most {@code size} at once. H2's own pool rolls back every connection given back, and in
 * H2 a rollback empties the session's cache of parsed statements, so every statement was parsed
 * again; this pool rolls back only a connection given back inside a transaction.
 */
final class ConnectionPool implements DataSource {

  /** Opens one physical connection. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final Semaphore leases;
  private final int size;
  private final Duration wait;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean disposed;

  ConnectionPool(Opener opener, int size, Duration wait) {
    this.opener = requireNonNull(opener, "opener must not be null");
    checkArgument(size >= 1, "pool size must be positive, got %s", size);
    this.size = size;
    this.leases = new Semaphore(size, true);
    this.wait = requireNonNull(wait, "wait must not be null");
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!leases.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException(
            "all " + size + " connections of the embedded database were in use for " + wait,
            "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted waiting for a connection", "08001", e);
    }
    try {
      return lease(idleOrNew());
    } catch (SQLException | RuntimeException e) {
      leases.release();
      throw e;
    }
  }

  private Connection idleOrNew() throws SQLException {
    synchronized (idle) {
      if (disposed) {
        throw new SQLNonTransientConnectionException("the store is closed", "08003");
      }
      Connection c = idle.pollFirst();
      if (c != null) {
        return c;
      }
    }
    return opener.open();
  }

  /** A view of {@code physical} whose {@code close} gives it back instead of closing it. */
  private Connection lease(Connection physical) {
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (!closed[0]) {
                    closed[0] = true;
                    giveBack(physical);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return closed[0] || physical.isClosed();
                }
                case "equals" -> {
                  return proxy == args[0];
                }
                case "hashCode" -> {
                  return System.identityHashCode(proxy);
                }
                case "toString" -> {
                  return "pooled " + physical;
                }
                default -> {
                  if (closed[0]) {
                    throw new SQLNonTransientConnectionException(
                        "connection used after it was closed", "08003");
                  }
                  try {
                    return method.invoke(physical, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  private void giveBack(Connection physical) {
    boolean reusable;
    try {
      // Only an unfinished transaction is rolled back: in H2 a rollback drops the statement cache.
      if (!physical.isClosed() && !physical.getAutoCommit()) {
        physical.rollback();
        physical.setAutoCommit(true);
      }
      reusable = !physical.isClosed();
    } catch (SQLException e) {
      reusable = false;
    }
    try {
      synchronized (idle) {
        if (reusable && !disposed) {
          idle.addFirst(physical);
          return;
        }
      }
      closeQuietly(physical);
    } finally {
      leases.release();
    }
  }

  /** Closes the idle connections now and each leased one when it is given back. */
  void dispose() {
    synchronized (idle) {
      disposed = true;
      idle.forEach(ConnectionPool::closeQuietly);
      idle.clear();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing to do: the connection is being dropped either way.
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the embedded pool has one user");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return (int) wait.toSeconds();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the embedded pool does not use java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
