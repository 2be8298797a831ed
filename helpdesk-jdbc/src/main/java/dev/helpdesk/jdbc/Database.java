package dev.helpdesk.jdbc;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.HelpdeskException;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
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
  private final boolean galera;

  Database(Jdbi jdbi, Dialect dialect) {
    this(jdbi, dialect, false);
  }

  private Database(Jdbi jdbi, Dialect dialect, boolean galera) {
    this.jdbi = requireNonNull(jdbi, "jdbi must not be null");
    this.dialect = requireNonNull(dialect, "dialect must not be null");
    this.galera = galera;
  }

  /**
   * Connects once to learn the dialect of the database behind {@code jdbi}, and whether it is a
   * node of a MariaDB Galera cluster, and registers the store's argument factories and column
   * mappers ({@link JdbiTypes}) on {@code jdbi}.
   */
  static Database detect(Jdbi jdbi) {
    try {
      return jdbi.withHandle(
          h -> {
            Dialect dialect = Dialect.of(h.getConnection());
            boolean galera =
                dialect == Dialect.MARIADB
                    && h.createQuery("SHOW VARIABLES LIKE 'wsrep_on'")
                        .map((rs, ctx) -> rs.getString(2))
                        .findOne()
                        .map("ON"::equalsIgnoreCase)
                        .orElse(false);
            JdbiTypes.register(jdbi, dialect);
            return new Database(jdbi, dialect, galera);
          });
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.translate("detecting the database dialect", e);
    }
  }

  /**
   * A Galera node applies other nodes' commits asynchronously: without this, a read right after a
   * commit made through another node misses it in about one try of three (measured in
   * shared/galera), and a version-checked UPDATE there finds no row and reports a conflict that is
   * not one. 7 = wait before reads, before updates and deletes, and before inserts: certification
   * would reject a duplicate key at commit anyway, but a unit of work that begins with an insert
   * (the mail archive's receipt) could otherwise run on a node that has not yet applied the
   * creation of its table, right after another node migrated (seen in GaleraIT). Set on every unit
   * of work, since a pool may hand out any connection.
   */
  private void readOwnWrites(Handle h) {
    if (galera) {
      h.execute("SET SESSION wsrep_sync_wait = 7");
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** True when the database is a node of a MariaDB Galera cluster. */
  boolean galera() {
    return galera;
  }

  /**
   * Runs {@code work} in a transaction; failures become {@link
   * dev.helpdesk.domain.StoreException}s.
   */
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
        return jdbi.inTransaction(
            h -> {
              readOwnWrites(h);
              return work.withHandle(h);
            });
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
      return jdbi.withHandle(
          h -> {
            readOwnWrites(h);
            return work.withHandle(h);
          });
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
