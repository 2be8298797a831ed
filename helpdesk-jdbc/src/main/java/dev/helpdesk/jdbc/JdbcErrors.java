package dev.helpdesk.jdbc;

import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.HelpdeskException;
import dev.helpdesk.domain.StoreException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * Turns JDBC and Jdbi failures into helpdesk exceptions, keeping the cause, and tells passing
 * failures (connection lost, deadlock, serialization) from permanent ones by SQLSTATE and vendor
 * error code.
 */
final class JdbcErrors {
  /**
   * Transaction rolled back by the database; repeating the whole transaction is safe. 90131 is H2's
   * "concurrent update" of a row another transaction changed.
   */
  private static final ImmutableSet<String> ROLLED_BACK =
      ImmutableSet.of("40001", "40P01", "90131");

  /** Session ended by the server: PostgreSQL admin shutdown, crash shutdown, cannot connect now. */
  private static final ImmutableSet<String> SESSION_ENDED =
      ImmutableSet.of("57P01", "57P02", "57P03");

  private static final String TOO_MANY_CONNECTIONS = "53300";

  private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;
  private static final int MARIADB_DEADLOCK = 1213;
  private static final int MARIADB_DUPLICATE_KEY = 1062;
  private static final String H2_LOCK_TIMEOUT = "HYT00";

  private JdbcErrors() {}

  /** The failure as a {@link StoreException}, or unchanged when it already is a helpdesk one. */
  static HelpdeskException translate(String action, Throwable failure) {
    if (failure instanceof HelpdeskException helpdesk) {
      return helpdesk;
    }
    Optional<SQLException> sql = sqlCause(failure);
    String detail =
        sql.map(
                e ->
                    e.getMessage()
                        + " [SQLSTATE "
                        + e.getSQLState()
                        + ", code "
                        + e.getErrorCode()
                        + "]")
            .orElse(String.valueOf(failure.getMessage()));
    return new StoreException(action + " failed: " + detail, isTemporary(failure), failure);
  }

  /**
   * Like {@link #translate}, but a unique-key violation becomes a {@link ConcurrentUpdateException}
   * with the given message: the caller knows that such a violation means another writer got there
   * first.
   */
  static HelpdeskException translateConflict(String action, Throwable failure, String conflict) {
    if (isUniqueViolation(failure)) {
      ConcurrentUpdateException e = new ConcurrentUpdateException(conflict);
      e.initCause(failure);
      return e;
    }
    return translate(action, failure);
  }

  /** True when the failure is a unique or primary key violation. */
  static boolean isUniqueViolation(Throwable failure) {
    return sqlCause(failure)
        .map(
            e ->
                "23505".equals(e.getSQLState())
                    || ("23000".equals(e.getSQLState())
                        && e.getErrorCode() == MARIADB_DUPLICATE_KEY))
        .orElse(false);
  }

  /**
   * True when the database rolled the transaction back because of a deadlock, a serialization
   * failure or a lock wait timeout, so running the whole transaction again may succeed.
   */
  static boolean isRollback(Throwable failure) {
    return sqlCause(failure)
        .map(
            e ->
                ROLLED_BACK.contains(e.getSQLState())
                    || H2_LOCK_TIMEOUT.equals(e.getSQLState())
                    || e.getErrorCode() == MARIADB_DEADLOCK
                    || e.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT)
        .orElse(false);
  }

  /**
   * True when the connection to the server broke (network, server shutdown, session killed): the
   * outcome of a commit sent on it is unknown until someone looks.
   */
  static boolean isConnectionLoss(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || SESSION_ENDED.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the same operation may succeed later: a rollback, or the server out of reach. */
  static boolean isTemporary(Throwable failure) {
    if (isRollback(failure) || isConnectionLoss(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof SQLTransientException
          || (t instanceof SQLException sql && TOO_MANY_CONNECTIONS.equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static Optional<SQLException> sqlCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }
}
