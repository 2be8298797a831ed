package dev.helpdesk.jdbc;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.HelpdeskException;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * A Jdbi instance with its dialect, running units of work in one transaction each. A transaction
 * the database rolled back (deadlock, serialization failure) is run again a few times, because its
 * outcome is known: nothing was written. Every other failure is translated by {@link JdbcErrors}.
 */
final class Database {
  private static final int ATTEMPTS = 4;
  private static final long BACKOFF_MILLIS = 20;

  private final Jdbi jdbi;
  private final Dialect dialect;

  Database(Jdbi jdbi, Dialect dialect) {
    this.jdbi = requireNonNull(jdbi, "jdbi must not be null");
    this.dialect = requireNonNull(dialect, "dialect must not be null");
  }

  /** Connects once to learn the dialect of the database behind {@code jdbi}. */
  static Database detect(Jdbi jdbi) {
    try {
      return new Database(jdbi, jdbi.withHandle(h -> Dialect.of(h.getConnection())));
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.translate("detecting the database dialect", e);
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** Runs {@code work} in a transaction; failures become {@link dev.helpdesk.StoreException}s. */
  <T> T transaction(String action, HandleCallback<T, Exception> work) {
    return transaction(work, failure -> JdbcErrors.translate(action, failure));
  }

  /**
   * Runs {@code work} in a transaction; failures other than rollbacks go through {@code errors}.
   */
  <T> T transaction(
      HandleCallback<T, Exception> work, Function<Throwable, HelpdeskException> errors) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (Exception e) {
        if (attempt == ATTEMPTS || !JdbcErrors.isRollback(e)) {
          throw errors.apply(e);
        }
        pause(attempt, e, errors);
      }
    }
  }

  /** Runs {@code work} on one connection in autocommit mode. */
  <T> T withHandle(String action, HandleCallback<T, Exception> work) {
    try {
      return jdbi.withHandle(work);
    } catch (Exception e) {
      throw JdbcErrors.translate(action, e);
    }
  }

  private static void pause(
      int attempt, Exception cause, Function<Throwable, HelpdeskException> errors) {
    // Random backoff so that two transactions that deadlocked do not collide again in step.
    long millis = ThreadLocalRandom.current().nextLong(1, BACKOFF_MILLIS * attempt + 1);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw errors.apply(cause);
    }
  }
}
