package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.HelpdeskException;
import dev.helpdesk.domain.StoreException;
import dev.helpdesk.domain.TicketNotFoundException;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcErrorsTest {

  @ParameterizedTest(
      name = "SQLSTATE {0} code {1}: rollback={2} temporary={3} unique={4} connectionLoss={5}")
  @CsvSource({
    "40001, 0,    true,  true,  false, false", // serialization failure (PostgreSQL, H2 deadlock)
    "40P01, 0,    true,  true,  false, false", // PostgreSQL deadlock
    "40001, 1213, true,  true,  false, false", // MariaDB deadlock
    "HY000, 1205, true,  true,  false, false", // MariaDB lock wait timeout
    "HYT00, 50200, true, true,  false, false", // H2 lock timeout
    "90131, 90131, true, true,  false, false", // H2 concurrent update
    "08001, 0,    false, true,  false, true", // cannot connect
    "08S01, 0,    false, true,  false, true", // communication link failure
    "57P01, 0,    false, true,  false, true", // PostgreSQL admin shutdown
    "57P03, 0,    false, true,  false, true", // PostgreSQL cannot connect now
    "53300, 0,    false, true,  false, false", // too many connections
    "23505, 0,    false, false, true, false", //  unique violation (PostgreSQL, H2)
    "23000, 1062, false, false, true, false", //  MariaDB duplicate key
    "23000, 1452, false, false, false, false", // MariaDB foreign key violation
    "42P01, 0,    false, false, false, false", // undefined table
    "HY000, 1364, false, false, false, false", // MariaDB field without default
  })
  void classify_wrappedSqlException_followsSqlStateAndVendorCode(
      String state,
      int code,
      boolean rollback,
      boolean temporary,
      boolean unique,
      boolean connectionLoss) {
    SQLException sql = new SQLException("boom", state, code);
    Exception wrapped = new UnableToExecuteStatementException(sql, null);

    assertThat(JdbcErrors.isRollback(wrapped)).isEqualTo(rollback);
    assertThat(JdbcErrors.isTemporary(wrapped)).isEqualTo(temporary);
    assertThat(JdbcErrors.isUniqueViolation(wrapped)).isEqualTo(unique);
    assertThat(JdbcErrors.isConnectionLoss(wrapped)).isEqualTo(connectionLoss);
    HelpdeskException translated = JdbcErrors.translate("saving ticket T", wrapped);
    assertThat(translated).isInstanceOf(StoreException.class).hasCause(wrapped);
    assertThat(translated.isTemporary()).isEqualTo(temporary);
    assertThat(translated.getMessage())
        .contains("saving ticket T failed", "boom", "SQLSTATE " + state, "code " + code);
  }

  @Test
  void isTemporary_transientExceptionWithoutState_isTemporary() {
    assertThat(JdbcErrors.isTemporary(new SQLTransientConnectionException("pool exhausted")))
        .isTrue();
  }

  @Test
  void translate_helpdeskException_isReturnedUnchanged() {
    TicketNotFoundException notFound = new TicketNotFoundException("HD-7KQ2M9XA");

    assertThat(JdbcErrors.translate("loading", notFound)).isSameAs(notFound);
  }

  @Test
  void translate_nonSqlFailure_isPermanentWithItsMessage() {
    IOException io = new IOException("disk full");

    HelpdeskException translated = JdbcErrors.translate("spooling", io);

    assertThat(translated.isTemporary()).isFalse();
    assertThat(translated).hasMessage("spooling failed: disk full").hasCause(io);
  }

  @Test
  void translateConflict_uniqueViolation_becomesConcurrentUpdateKeepingTheCause() {
    SQLException duplicate = new SQLException("duplicate key", "23505");

    HelpdeskException translated =
        JdbcErrors.translateConflict("committing", duplicate, "ticket T changed concurrently");

    assertThat(translated)
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessage("ticket T changed concurrently")
        .hasCause(duplicate);
  }

  @Test
  void translateConflict_otherFailure_becomesStoreException() {
    SQLException missingTable = new SQLException("no such table", "42P01");

    assertThat(JdbcErrors.translateConflict("committing", missingTable, "conflict"))
        .isInstanceOf(StoreException.class)
        .hasCause(missingTable);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:%d/x", "jdbc:mariadb://127.0.0.1:%d/x"})
  void isTemporary_realDriverConnectionRefused_isTemporary(String urlPattern) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SQLException refused = null;
    try {
      DriverManager.getConnection(String.format(urlPattern, closedPort), "u", "p").close();
    } catch (SQLException e) {
      refused = e;
    }

    assertThat((Throwable) refused).as("connecting to a closed port").isNotNull();
    assertThat(JdbcErrors.isTemporary(refused)).isTrue();
    assertThat(JdbcErrors.translate("connecting", refused).isTemporary()).isTrue();
  }
}
