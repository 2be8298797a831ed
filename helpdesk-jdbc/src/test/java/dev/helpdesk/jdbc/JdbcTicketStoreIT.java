package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.TicketStoreContract;
import dev.helpdesk.testing.Tickets;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC ticket store passes the common contract on every supported database. */
class JdbcTicketStoreIT {
  private static final Instant AT = Instant.parse("2026-11-23T09:00:00.123456Z");

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void outbox_createdAt_isStoredAsUtcToTheMicrosecond(TestDatabases.Kind kind) {
    // The build runs this class once more in another JVM zone; make sure that zone took effect.
    String expectedZone = System.getProperty("helpdesk.test.expectZone");
    if (expectedZone != null) {
      assertThat(TimeZone.getDefault().getID()).isEqualTo(expectedZone);
    }
    DataSource ds = kind.fresh();
    TicketStore store = JdbcStore.create(ds).ticketStore();
    Ticket t = new Tickets(3).open("c1", "tech", AT);
    OutboxMessage message =
        new OutboxMessage(
            "k",
            t.id(),
            AT.plusNanos(789), // below the columns' precision: cut off
            new Notification(
                Notification.Kind.CONFIRMATION,
                t.id(),
                t.reference(),
                "c@example.com",
                "C",
                "subject",
                "body",
                Optional.empty()));
    store.commit(new TicketChange(t, 0, List.of(), List.of(), List.of(message), Set.of()));

    assertThat(store.pendingOutbox(AT, 10))
        .extracting(OutboxMessage::createdAt)
        .containsExactly(AT);
    // Whatever the JVM's or the server's time zone, the stored wall time is UTC.
    String sql =
        kind == TestDatabases.Kind.MARIADB
            ? "SELECT CAST(created_at AS CHAR) FROM outbox"
            : "SELECT CAST(created_at AT TIME ZONE 'UTC' AS VARCHAR(40)) FROM outbox";
    String stored = Jdbi.create(ds).withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    assertThat(stored).startsWith("2026-11-23 09:00:00.123456");
  }

  @Nested
  class OnH2 implements TicketStoreContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.h2()).ticketStore();
    }
  }

  @Nested
  class OnPostgresql implements TicketStoreContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.postgresql()).ticketStore();
    }
  }

  @Nested
  class OnMariadb implements TicketStoreContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.mariadb()).ticketStore();
    }
  }
}
