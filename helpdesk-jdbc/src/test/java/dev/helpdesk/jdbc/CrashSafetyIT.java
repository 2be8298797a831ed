package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.StoreException;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.Tickets;
import dev.helpdesk.ticket.Ticket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A commit whose connection dies midway leaves nothing of the change behind, and a commit whose
 * reply is lost after it landed is reported as done and cannot be stored twice.
 */
class CrashSafetyIT {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  /** One store on a faulty connection, with a ticket at version 1 to change. */
  private static final class Fixture {
    final FaultyDataSource faulty;
    final TicketStore store;
    final Jdbi direct;
    final Tickets gen = new Tickets(42);
    final Ticket ticket;

    Fixture(TestDatabases.Kind kind) {
      faulty = new FaultyDataSource(kind.fresh());
      store = JdbcStore.create(faulty.dataSource()).ticketStore();
      direct = Jdbi.create(faulty.real());
      ticket = gen.open("c1", "tech", T0);
      store.commit(Tickets.create(ticket));
    }

    /** A change writing every kind of row: ticket, entry, event, outbox message and once-key. */
    TicketChange fullChange(Ticket before, String tag) {
      Ticket after = Tickets.withStatus(before, TicketStatus.WAITING_ON_CUSTOMER);
      OutboxMessage message =
          new OutboxMessage(
              "mail-" + tag,
              after.id(),
              T0,
              new Notification(
                  Notification.Kind.STAFF_REPLY,
                  after.id(),
                  after.reference(),
                  "c1@example.com",
                  "C",
                  "subject",
                  "body",
                  Optional.empty()));
      return new TicketChange(
          after,
          before.version(),
          List.of(gen.message(after, "reply " + tag, Optional.of("<" + tag + "@example.com>"))),
          List.of(Tickets.statusEvent(before, after)),
          List.of(message),
          Set.of("once-" + tag));
    }

    int rows(String table) {
      return direct.withHandle(
          h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    /** Nothing of any change after the opening is visible. */
    void assertUntouched() {
      assertThat(store.find(ticket.id()).orElseThrow()).isEqualTo(ticket);
      assertThat(store.thread(ticket.id())).isEmpty();
      assertThat(store.events(ticket.id())).isEmpty();
      assertThat(store.pendingOutbox(T0.plusSeconds(3600), 10)).isEmpty();
      assertThat(rows("thread_entries")).isZero();
      assertThat(rows("events")).isZero();
      assertThat(rows("outbox")).isZero();
      assertThat(rows("once_keys")).isZero();
    }

    /** The change is stored exactly once. */
    void assertStoredOnce(TicketChange change) {
      assertThat(store.find(ticket.id()).orElseThrow()).isEqualTo(change.ticket());
      assertThat(store.thread(ticket.id())).isEqualTo(change.entries());
      assertThat(store.events(ticket.id())).isEqualTo(change.events());
      assertThat(store.pendingOutbox(T0.plusSeconds(3600), 10)).isEqualTo(change.outbox());
      assertThat(rows("once_keys")).isOne();
    }

    /** How many statements a full change takes, measured on another ticket. */
    int statementsPerChange() {
      Ticket probe = gen.open("c2", "tech", T0);
      store.commit(Tickets.create(probe));
      faulty.count();
      store.commit(fullChange(probe, "probe"));
      int n = faulty.statements();
      direct.useHandle(
          h -> {
            for (String table : List.of("thread_entries", "events", "outbox", "once_keys")) {
              h.execute("DELETE FROM " + table);
            }
          });
      return n;
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void commit_connectionDiesAfterAnyStatement_leavesNothingAndTheStoreWorksAfterwards(
      TestDatabases.Kind kind) {
    Fixture f = new Fixture(kind);
    int n = f.statementsPerChange();
    // ticket update, next entry number, entry, event, outbox message, once-key
    assertThat(n).isGreaterThanOrEqualTo(6);

    for (int k = 1; k <= n; k++) {
      f.faulty.afterStatement(k, FaultyDataSource.ABORT);
      TicketChange change = f.fullChange(f.ticket, "k" + k);

      assertThatThrownBy(() -> f.store.commit(change))
          .as("connection dies after statement %s of %s", k, n)
          .isInstanceOf(StoreException.class)
          .satisfies(e -> assertThat(((StoreException) e).isTemporary()).isTrue());
      f.assertUntouched();
    }

    TicketChange retry = f.fullChange(f.ticket, "retry");
    f.store.commit(retry);
    f.assertStoredOnce(retry);
  }

  @Test
  void commit_postgresqlBackendTerminatedMidTransaction_leavesNothing() {
    Fixture f = new Fixture(TestDatabases.Kind.POSTGRESQL);
    int n = f.statementsPerChange();

    for (int k = 1; k <= n; k++) {
      f.faulty.afterStatement(k, victim -> terminate(victim, f.faulty));
      TicketChange change = f.fullChange(f.ticket, "k" + k);

      assertThatThrownBy(() -> f.store.commit(change))
          .as("backend terminated after statement %s of %s", k, n)
          .isInstanceOf(StoreException.class)
          .satisfies(e -> assertThat(((StoreException) e).isTemporary()).isTrue());
      f.assertUntouched();
    }

    TicketChange retry = f.fullChange(f.ticket, "retry");
    f.store.commit(retry);
    f.assertStoredOnce(retry);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void commit_replyLostAfterCommit_reportsSuccessAndARepeatStoresNothingTwice(
      TestDatabases.Kind kind) {
    Fixture f = new Fixture(kind);
    TicketChange change = f.fullChange(f.ticket, "lost");

    f.faulty.loseNextCommitReply(() -> {});
    f.store.commit(change);

    f.assertStoredOnce(change);
    assertThatThrownBy(() -> f.store.commit(change)).isInstanceOf(ConcurrentUpdateException.class);
    f.assertStoredOnce(change);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void commit_replyLostAfterTheTicketMovedOn_isRecognisedByItsEvent(TestDatabases.Kind kind) {
    Fixture f = new Fixture(kind);
    TicketChange change = f.fullChange(f.ticket, "lost");
    Ticket later = Tickets.withStatus(change.ticket(), TicketStatus.OPEN);
    // Another node changes the ticket between our commit and our check.
    f.faulty.loseNextCommitReply(() -> f.store.commit(Tickets.update(change.ticket(), later)));

    f.store.commit(change);

    assertThat(f.store.find(f.ticket.id()).orElseThrow()).isEqualTo(later);
    assertThat(f.store.events(f.ticket.id()))
        .containsExactly(change.events().get(0), Tickets.statusEvent(change.ticket(), later));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void commit_replyLostOnChangesWithoutEntries_isRecognisedByEventOrTicketState(
      TestDatabases.Kind kind) {
    Fixture f = new Fixture(kind);
    Ticket fresh = f.gen.open("c3", "tech", T0);
    f.faulty.loseNextCommitReply(() -> {});
    f.store.commit(Tickets.create(fresh)); // no entry, no event: the ticket row tells

    Ticket moved = Tickets.withStatus(fresh, TicketStatus.ON_HOLD);
    f.faulty.loseNextCommitReply(() -> {});
    f.store.commit(Tickets.update(fresh, moved)); // no entry: the event tells

    assertThat(f.store.find(fresh.id())).contains(moved);
    assertThat(f.store.events(fresh.id())).containsExactly(Tickets.statusEvent(fresh, moved));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void commit_connectionDiesAndAnotherChangeTakesTheVersion_failsTemporarilyNotMistakingIt(
      TestDatabases.Kind kind) {
    Fixture f = new Fixture(kind);
    TicketChange mine = f.fullChange(f.ticket, "mine");
    TicketChange theirs = f.fullChange(f.ticket, "theirs");
    f.faulty.afterStatement(
        1,
        victim -> {
          FaultyDataSource.abort(victim);
          // Another node (thread: Jdbi would reuse this thread's handle), before this one looks.
          CompletableFuture.runAsync(() -> f.store.commit(theirs)).join();
          throw FaultyDataSource.lost("after the other node's commit");
        });

    assertThatThrownBy(() -> f.store.commit(mine))
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(((StoreException) e).isTemporary()).isTrue());
    f.assertStoredOnce(theirs);
    assertThatThrownBy(() -> f.store.commit(mine)).isInstanceOf(ConcurrentUpdateException.class);
    f.assertStoredOnce(theirs);
  }

  private static void terminate(Connection victim, FaultyDataSource faulty) throws SQLException {
    int pid;
    try (Statement s = victim.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getInt(1);
    }
    try (Connection killer = faulty.real().getConnection();
        Statement s = killer.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("backend %s terminated", pid).isTrue();
    }
  }
}
