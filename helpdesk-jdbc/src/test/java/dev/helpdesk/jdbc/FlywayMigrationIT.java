package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.StoreException;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.Tickets;
import dev.helpdesk.ticket.Ticket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hosts that migrate with their own Flyway can run our scripts: Flyway applies {@code
 * classpath:dev/helpdesk/jdbc/db/<dialect>} to a fresh database unchanged, and a store built with
 * auto-migrate off works on the result; the scripts needed no change for Flyway. Our own migrator
 * keeps its history in {@code helpdesk_schema_version} and does not read Flyway's, so such a host
 * should leave auto-migrate off and not call {@link JdbcStore#migrate()}. If it does, nothing is
 * lost: the H2 and MariaDB scripts are idempotent (their DDL commits implicitly, so each statement
 * says IF NOT EXISTS) and run again without effect, after which they are recorded; on PostgreSQL
 * the first script fails on the existing tables and its transaction rolls back.
 */
class FlywayMigrationIT {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void flyway_appliesOurScripts_andTheStoreWorksOnTheResult(TestDatabases.Kind kind) {
    DataSource ds = kind.fresh();
    String folder = Dialect.valueOf(kind.name()).folder();

    MigrateResult result =
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:dev/helpdesk/jdbc/db/" + folder)
            .table("helpdesk_flyway_history")
            .load()
            .migrate();

    assertThat(result.migrationsExecuted).isEqualTo(shippedScripts(folder));
    JdbcStore store = JdbcStore.builder(ds).autoMigrate(false).build();
    TicketStore tickets = store.ticketStore();
    Ticket opened = new Tickets(5).open("c1", "tech", T0);
    tickets.commit(Tickets.create(opened));
    assertThat(tickets.find(opened.id())).contains(opened);

    if (kind == TestDatabases.Kind.POSTGRESQL) {
      assertThatThrownBy(store::migrate).isInstanceOf(StoreException.class);
    } else {
      assertThat(store.migrate()).hasSize(shippedScripts(folder));
      assertThat(store.migrate()).isEmpty();
    }
    assertThat(tickets.find(opened.id())).contains(opened);
  }

  /** The number of scripts our own index lists for the dialect. */
  private static int shippedScripts(String folder) {
    try (InputStream in =
        FlywayMigrationIT.class.getResourceAsStream(
            "/dev/helpdesk/jdbc/db/" + folder + "/index.txt")) {
      return (int)
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(l -> l.endsWith(".sql"))
              .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
