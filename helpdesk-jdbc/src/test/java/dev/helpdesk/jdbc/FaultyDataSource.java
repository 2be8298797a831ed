package dev.helpdesk.jdbc;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A data source that breaks its connections on cue, to see what a store leaves behind when the
 * database connection dies in the middle of a transaction or right after its commit. Statements are
 * counted from the moment a fault is armed, over every connection handed out since.
 */
final class FaultyDataSource {
  /** What happens to the real connection when the armed statement has run. */
  @FunctionalInterface
  interface Fault {
    /**
     * Acts on the real connection after its k-th statement. Returns normally when the fault lets
     * the caller carry on (for example because the server killed the session by itself).
     */
    void hit(Connection real) throws SQLException;
  }

  /** Aborts the connection as a crash would (no rollback sent) and fails the statement. */
  static final Fault ABORT =
      real -> {
        abort(real);
        throw lost("after a statement");
      };

  private final DataSource real;
  private final DataSource proxy;
  private final AtomicInteger statements = new AtomicInteger();
  private final AtomicReference<Armed> armed = new AtomicReference<>();

  private record Armed(int statement, Fault fault, Runnable afterCommit) {
    boolean onCommit() {
      return afterCommit != null;
    }
  }

  FaultyDataSource(DataSource real) {
    this.real = requireNonNull(real, "real must not be null");
    this.proxy =
        proxy(
            DataSource.class,
            (p, method, args) -> {
              Object result = invoke(real, method, args);
              return method.getName().equals("getConnection")
                  ? connection((Connection) result)
                  : result;
            });
  }

  /** The data source to give the store. */
  DataSource dataSource() {
    return proxy;
  }

  /** The data source without faults. */
  DataSource real() {
    return real;
  }

  /** Counts statements from now on, with no fault armed. */
  void count() {
    statements.set(0);
    armed.set(null);
  }

  /** Statements executed since the last {@link #count()} or arming. */
  int statements() {
    return statements.get();
  }

  /** Runs {@code fault} once the {@code k}-th statement from now has executed. */
  void afterStatement(int k, Fault fault) {
    statements.set(0);
    armed.set(new Armed(k, requireNonNull(fault, "fault must not be null"), null));
  }

  /**
   * The next commit reaches the database, {@code meanwhile} runs (another node, say), then the
   * connection dies before the reply arrives.
   */
  void loseNextCommitReply(Runnable meanwhile) {
    statements.set(0);
    armed.set(new Armed(0, ABORT, requireNonNull(meanwhile, "meanwhile must not be null")));
  }

  private Connection connection(Connection connection) {
    AtomicBoolean dead = new AtomicBoolean();
    return proxy(
        Connection.class,
        (p, method, args) -> {
          String name = method.getName();
          if (dead.get()) {
            return switch (name) {
              case "close", "abort" -> null;
              case "isClosed" -> true;
              case "isValid" -> false;
              default -> throw lost(name + " on a dead connection");
            };
          }
          if (name.equals("commit")) {
            Armed a = armed.get();
            if (a != null && a.onCommit() && armed.compareAndSet(a, null)) {
              connection.commit();
              dead.set(true);
              // Another thread: Jdbi would reuse this thread's open handle.
              CompletableFuture.runAsync(a.afterCommit()).join();
              a.fault().hit(connection);
            }
          }
          Object result = invoke(connection, method, args);
          return result instanceof Statement s ? statement(s, connection, dead) : result;
        });
  }

  private Statement statement(Statement statement, Connection connection, AtomicBoolean dead) {
    Class<? extends Statement> type =
        statement instanceof java.sql.CallableStatement
            ? java.sql.CallableStatement.class
            : statement instanceof java.sql.PreparedStatement
                ? java.sql.PreparedStatement.class
                : Statement.class;
    return proxy(
        type,
        (p, method, args) -> {
          Object result = invoke(statement, method, args);
          if (method.getName().startsWith("execute")) {
            int n = statements.incrementAndGet();
            Armed a = armed.get();
            if (a != null && !a.onCommit() && n == a.statement() && armed.compareAndSet(a, null)) {
              dead.set(true);
              a.fault().hit(connection);
              dead.set(connection.isClosed());
            }
          }
          return result;
        });
  }

  static SQLRecoverableException lost(String when) {
    return new SQLRecoverableException("connection lost (test fault) " + when, "08006");
  }

  /**
   * Drops the connection without a rollback where the driver can (PostgreSQL, MariaDB close the
   * socket); H2's abort does nothing, so its session is closed, which rolls back as a crash would.
   */
  static void abort(Connection real) throws SQLException {
    real.abort(Runnable::run);
    real.close();
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
