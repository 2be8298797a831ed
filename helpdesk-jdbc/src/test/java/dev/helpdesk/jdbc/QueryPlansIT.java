package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.MailArchive;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.Tickets;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query that could scan a large table reads an index instead, on every dialect (design.md
 * section 6): the database's own EXPLAIN must show no full scan. PostgreSQL runs with sequential
 * scans disabled, so a plan that still scans proves that no index fits.
 */
class QueryPlansIT {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  /** Each query with every parameter any of them takes bound to a plausible value. */
  private static Map<String, String> queries() {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("queue, first page", JdbcTicketStore.queueSql(false));
    queries.put("queue, next page", JdbcTicketStore.queueSql(true));
    queries.put("due, first page", JdbcTicketStore.dueSql(false));
    queries.put("due, next page", JdbcTicketStore.dueSql(true));
    queries.put("a period's tickets, first page", JdbcTicketStore.openedBetweenSql(false));
    queries.put("a period's tickets, next page", JdbcTicketStore.openedBetweenSql(true));
    queries.put("a customer's tickets", JdbcTicketStore.newestFirstSql("customer_id"));
    queries.put("an organization's tickets", JdbcTicketStore.newestFirstSql("organization_id"));
    queries.put("an incident's tickets", JdbcTicketStore.LINKED_SQL);
    queries.put("Message-ID lookup", JdbcTicketStore.MESSAGE_ID_SQL);
    queries.put("pending outbox", JdbcTicketStore.PENDING_OUTBOX_SQL);
    queries.put("archived mail of a status, first page", JdbcMailArchive.listSql(false));
    queries.put("archived mail of a status, next page", JdbcMailArchive.listSql(true));
    return queries;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void everyQuery_onAPopulatedDatabase_readsAnIndex(TestDatabases.Kind kind) {
    DataSource ds = kind.fresh();
    JdbcStore store = JdbcStore.create(ds);
    populate(store.ticketStore());
    populate(store.mailArchive());
    Jdbi jdbi = Jdbi.create(ds);
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    Dialect dialect = Database.detect(jdbi).dialect();

    jdbi.useHandle(
        h -> {
          switch (dialect) {
            case POSTGRESQL -> {
              h.execute("ANALYZE");
              h.execute("SET enable_seqscan = off");
            }
            case MARIADB ->
                h.execute("ANALYZE TABLE tickets, thread_entries, outbox, mail_archive");
            case H2 -> h.execute("ANALYZE");
          }
          queries()
              .forEach(
                  (name, sql) ->
                      assertThat(plan(h, dialect, sql))
                          .as("plan of %s on %s", name, dialect)
                          .isNotEmpty()
                          .noneMatch(line -> isFullScan(dialect, line)));
        });
  }

  private static boolean isFullScan(Dialect dialect, String planLine) {
    return switch (dialect) {
      case H2 -> planLine.contains("tableScan");
      case POSTGRESQL -> planLine.contains("Seq Scan");
      case MARIADB -> planLine.startsWith("type=ALL");
    };
  }

  private static List<String> plan(Handle h, Dialect dialect, String sql) {
    Query q =
        h.createQuery("EXPLAIN " + sql)
            .bind("department", "dept-3")
            .bind("inQueue", true)
            .bind("due", dialect.timestamp(T0))
            .bind("urgency", 1)
            .bind("openedAt", dialect.timestamp(T0))
            .bind("id", UUID.randomUUID().toString())
            .bind("epoch", dialect.timestamp(Instant.EPOCH))
            .bind("now", dialect.timestamp(T0.plusSeconds(60)))
            .bind("at", dialect.timestamp(T0))
            .bind("from", dialect.timestamp(T0.minusSeconds(3600)))
            .bind("to", dialect.timestamp(T0))
            .bind("value", "c7")
            .bind("incident", UUID.randomUUID().toString())
            .bind("messageId", "<m7@example>")
            .bind("status", ArchivedMail.Status.QUARANTINED.name())
            .bind("key", "<m7@example>")
            .bind("limit", 10);
    return dialect == Dialect.MARIADB
        ? q.map((rs, ctx) -> "type=" + rs.getString("type") + " key=" + rs.getString("key")).list()
        : q.mapTo(String.class).list();
  }

  /** Enough varied rows that a cost-based planner prefers an index wherever one fits. */
  private static void populate(TicketStore store) {
    Tickets gen = new Tickets(7);
    IncidentId incident = new IncidentId(UUID.randomUUID());
    for (int i = 0; i < 300; i++) {
      Ticket t = gen.open("c" + (i % 60), "dept-" + (i % 15), T0.plusSeconds(i));
      t = Tickets.inOrganization(t, "org-" + (i % 30));
      if (i % 50 == 0) {
        t = Tickets.withIncident(t, incident);
      }
      if (i % 10 == 0) {
        t =
            Tickets.withSla(
                t,
                new SlaState(
                    Optional.of(T0.plusSeconds(3600 + i)),
                    Optional.of(T0.plusSeconds(i)),
                    Optional.empty(),
                    List.of()));
      }
      ThreadEntry entry = gen.message(t, "message " + i, Optional.of("<m" + i + "@example>"));
      OutboxMessage mail =
          new OutboxMessage(
              "confirm-" + i,
              t.id(),
              T0.plusSeconds(i),
              new Notification(
                  Notification.Kind.CONFIRMATION,
                  t.id(),
                  t.reference(),
                  "c@example.com",
                  "C",
                  "[" + t.reference() + "]",
                  "body",
                  Optional.empty()));
      store.commit(new TicketChange(t, 0, List.of(entry), List.of(), List.of(mail), Set.of()));
    }
  }

  /** Mail in every status, most of it processed, as in an archive that has run for a while. */
  private static void populate(MailArchive archive) {
    ArchivedMail.Status[] statuses = ArchivedMail.Status.values();
    for (int i = 0; i < 300; i++) {
      String key = "<m" + i + "@example>";
      archive.receive(
          ArchivedMail.received(
              key, String.format("%064x", i), 100 + i, "smtp", T0.plusSeconds(i)));
      ArchivedMail.Status status = i % 10 < 7 ? ArchivedMail.Status.PROCESSED : statuses[i % 4];
      archive.finish(key, status, "", T0.plusSeconds(i + 1));
    }
  }
}
