package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Error classification against the real exceptions of each database and driver. */
class JdbcErrorsIT {

  private static Database database(TestDatabases.Kind kind) {
    DataSource ds = kind.fresh();
    Jdbi jdbi = Jdbi.create(ds);
    jdbi.useHandle(
        h -> {
          h.execute("CREATE TABLE counters (id VARCHAR(10) NOT NULL PRIMARY KEY, n INT NOT NULL)");
          h.execute("INSERT INTO counters (id, n) VALUES ('a', 0), ('b', 0)");
        });
    return Database.detect(jdbi);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void transaction_duplicateKey_isUniqueViolationAndNothingIsWritten(TestDatabases.Kind kind) {
    Database db = database(kind);

    Throwable thrown =
        catchThrowable(
            () ->
                db.transaction(
                    h -> {
                      h.execute("INSERT INTO counters (id, n) VALUES ('c', 1)");
                      return h.execute("INSERT INTO counters (id, n) VALUES ('a', 1)");
                    },
                    failure ->
                        JdbcErrors.translateConflict("inserting", failure, "counter a exists")));

    assertThat(thrown).isInstanceOf(ConcurrentUpdateException.class).hasMessage("counter a exists");
    assertThat(JdbcErrors.isUniqueViolation(thrown.getCause())).isTrue();
    assertThat(JdbcErrors.isTemporary(thrown.getCause())).isFalse();
    assertThat(count(db)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void transaction_missingTable_isPermanentStoreException(TestDatabases.Kind kind) {
    Database db = database(kind);

    Throwable thrown =
        catchThrowable(
            () -> db.transaction("reading", h -> h.execute("DELETE FROM no_such_table")));

    assertThat(thrown).isInstanceOf(StoreException.class).hasMessageContaining("reading failed");
    assertThat(((StoreException) thrown).isTemporary()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void transaction_deadlock_isRolledBackAndRetriedSoBothCommit(TestDatabases.Kind kind)
      throws Exception {
    Database db = database(kind);
    AtomicInteger attempts = new AtomicInteger();
    CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (String[] order : List.of(new String[] {"a", "b"}, new String[] {"b", "a"})) {
        results.add(
            pool.submit(
                () ->
                    db.transaction(
                        "updating counters",
                        h -> {
                          boolean firstAttempt = attempts.incrementAndGet() <= 2;
                          h.execute("UPDATE counters SET n = n + 1 WHERE id = ?", order[0]);
                          if (firstAttempt) {
                            bothHoldTheirFirstRow.await(20, TimeUnit.SECONDS);
                          }
                          return h.execute("UPDATE counters SET n = n + 1 WHERE id = ?", order[1]);
                        })));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(attempts.get()).as("a deadlock forced at least one retry").isGreaterThan(2);
    List<Integer> values =
        db.transaction(
            "reading",
            h -> h.createQuery("SELECT n FROM counters ORDER BY id").mapTo(Integer.class).list());
    assertThat(values).containsExactly(2, 2);
  }

  private static int count(Database db) {
    return db.transaction(
        "counting", h -> h.createQuery("SELECT COUNT(*) FROM counters").mapTo(Integer.class).one());
  }
}
