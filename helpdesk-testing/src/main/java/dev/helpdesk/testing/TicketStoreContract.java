package dev.helpdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.spi.TimeCursor;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TicketStore} must have. An adapter's test implements {@link
 * #newStore()} (a fresh, empty store each call) and inherits every test; the in-memory store and
 * the JDBC store on H2, PostgreSQL and MariaDB all run it.
 */
public interface TicketStoreContract {

  /** A fresh, empty store. */
  TicketStore newStore();

  Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  private static Tickets tickets() {
    return new Tickets(42);
  }

  @Test
  default void commit_newTicket_isFoundByIdAndReference() {
    TicketStore store = newStore();
    Ticket t = tickets().open("c1", "tech", T0);
    store.commit(Tickets.create(t));
    assertThat(store.find(t.id())).contains(t);
    assertThat(store.findByReference(t.reference())).contains(t);
    assertThat(store.find(new TicketId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  default void commit_staleVersion_isRejectedAndWritesNothing() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket t = gen.open("c1", "tech", T0);
    store.commit(Tickets.create(t));
    Ticket v2 = Tickets.withStatus(t, TicketStatus.WAITING_ON_CUSTOMER);
    store.commit(Tickets.update(t, v2));
    Ticket stale = Tickets.withStatus(t, TicketStatus.ON_HOLD);
    ThreadEntry lost = gen.message(stale, "must not be stored", Optional.of("<lost@example>"));
    TicketChange change =
        new TicketChange(
            stale, 1, List.of(lost), List.of(Tickets.statusEvent(t, stale)), List.of(), Set.of());
    assertThatThrownBy(() -> store.commit(change)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.find(t.id())).contains(v2);
    assertThat(store.thread(t.id())).isEmpty();
    assertThat(store.events(t.id())).hasSize(1);
    assertThat(store.ticketByMessageId("<lost@example>")).isEmpty();
  }

  @Test
  default void commit_newTicketTwice_isRejected() {
    TicketStore store = newStore();
    Ticket t = tickets().open("c1", "tech", T0);
    store.commit(Tickets.create(t));
    assertThatThrownBy(() -> store.commit(Tickets.create(t)))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  default void commit_repeatedOnceKey_rejectsTheWholeChange() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket a = gen.open("c1", "tech", T0);
    Ticket b = gen.open("c2", "tech", T0);
    store.commit(new TicketChange(a, 0, List.of(), List.of(), List.of(), Set.of("breach:x")));
    TicketChange second =
        new TicketChange(b, 0, List.of(), List.of(), List.of(), Set.of("breach:x"));
    assertThatThrownBy(() -> store.commit(second)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.find(b.id())).isEmpty();
  }

  @Test
  default void commit_repeatedOutboxKey_rejectsTheWholeChange() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket a = gen.open("c1", "tech", T0);
    Ticket b = gen.open("c2", "tech", T0);
    store.commit(
        new TicketChange(a, 0, List.of(), List.of(), List.of(notification("k1", a)), Set.of()));
    TicketChange second =
        new TicketChange(b, 0, List.of(), List.of(), List.of(notification("k1", b)), Set.of());
    assertThatThrownBy(() -> store.commit(second)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.find(b.id())).isEmpty();
  }

  @Test
  default void commitAll_storesEveryChange_withItsEventsOutboxAndOnceKeys() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    List<Ticket> opened = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Ticket t = gen.open("c" + i, "tech", T0);
      store.commit(Tickets.create(t));
      opened.add(t);
    }
    List<TicketChange> changes = new ArrayList<>();
    for (Ticket t : opened) {
      Ticket v2 = Tickets.withStatus(t, TicketStatus.ON_HOLD);
      changes.add(
          new TicketChange(
              v2,
              1,
              List.of(),
              List.of(Tickets.statusEvent(t, v2)),
              List.of(notification("batch-" + t.id(), t)),
              Set.of("breach:" + t.id())));
    }
    assertThat(store.commitAll(changes)).isEmpty();
    for (Ticket t : opened) {
      assertThat(store.find(t.id()).orElseThrow().status()).isEqualTo(TicketStatus.ON_HOLD);
      assertThat(store.events(t.id())).hasSize(1);
    }
    assertThat(store.pendingOutbox(T0.plusSeconds(1), 100))
        .extracting(OutboxMessage::key)
        .containsAll(opened.stream().map(t -> "batch-" + t.id()).toList());
    Ticket first = opened.get(0);
    TicketChange again =
        new TicketChange(
            Tickets.withStatus(store.find(first.id()).orElseThrow(), TicketStatus.OPEN),
            2,
            List.of(),
            List.of(),
            List.of(),
            Set.of("breach:" + first.id()));
    assertThatThrownBy(() -> store.commit(again))
        .as("the batch stored its once-keys")
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  default void commitAll_aLostRaceOrARepeatedKey_costsOnlyItsOwnTicket() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket raced = gen.open("c1", "tech", T0);
    Ticket keyed = gen.open("c2", "tech", T0);
    Ticket fine = gen.open("c3", "tech", T0);
    for (Ticket t : List.of(raced, keyed, fine)) {
      store.commit(Tickets.create(t));
    }
    Ticket moved = Tickets.withStatus(raced, TicketStatus.WAITING_ON_CUSTOMER);
    store.commit(Tickets.update(raced, moved));
    store.commit(
        new TicketChange(
            Tickets.withStatus(keyed, TicketStatus.WAITING_ON_CUSTOMER),
            1,
            List.of(),
            List.of(),
            List.of(),
            Set.of("breach:taken")));
    Ticket keyedNow = store.find(keyed.id()).orElseThrow();
    Ticket staleRaced = Tickets.withStatus(raced, TicketStatus.ON_HOLD);
    Ticket keyedNext = Tickets.withStatus(keyedNow, TicketStatus.ON_HOLD);
    Ticket fineNext = Tickets.withStatus(fine, TicketStatus.ON_HOLD);
    List<TicketChange> changes =
        List.of(
            new TicketChange(
                staleRaced,
                1,
                List.of(),
                List.of(Tickets.statusEvent(raced, staleRaced)),
                List.of(),
                Set.of()),
            new TicketChange(
                keyedNext,
                keyedNow.version(),
                List.of(),
                List.of(Tickets.statusEvent(keyedNow, keyedNext)),
                List.of(),
                Set.of("breach:taken")),
            Tickets.update(fine, fineNext));
    assertThat(store.commitAll(changes)).containsExactlyInAnyOrder(raced.id(), keyed.id());
    assertThat(store.find(raced.id())).contains(moved);
    assertThat(store.find(keyed.id())).contains(keyedNow);
    assertThat(store.find(fine.id())).contains(fineNext);
  }

  @Test
  default void commitAll_twoChangesToOneTicket_areRejectedNamingIt() {
    TicketStore store = newStore();
    Ticket t = tickets().open("c1", "tech", T0);
    store.commit(Tickets.create(t));
    TicketChange change = Tickets.update(t, Tickets.withStatus(t, TicketStatus.ON_HOLD));
    assertThatThrownBy(() -> store.commitAll(List.of(change, change)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(t.reference().value());
    assertThat(store.find(t.id())).contains(t);
  }

  @Test
  default void thread_andEvents_keepTheirOrder() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket t = gen.open("c1", "tech", T0);
    ThreadEntry first = gen.message(t, "first", Optional.of("<m1@example>"));
    store.commit(new TicketChange(t, 0, List.of(first), List.of(), List.of(), Set.of()));
    Ticket current = t;
    List<ThreadEntry> expected = new ArrayList<>(List.of(first));
    List<HelpdeskEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Ticket next =
          Tickets.withStatus(
              current, i % 2 == 0 ? TicketStatus.WAITING_ON_CUSTOMER : TicketStatus.OPEN);
      ThreadEntry e =
          gen.message(next, "message " + i + " \u00fc\u4e2d\ud83d\ude00", Optional.empty());
      HelpdeskEvent event = Tickets.statusEvent(current, next);
      store.commit(
          new TicketChange(
              next, current.version(), List.of(e), List.of(event), List.of(), Set.of()));
      expected.add(e);
      events.add(event);
      current = next;
    }
    assertThat(store.thread(t.id())).containsExactlyElementsOf(expected);
    assertThat(store.events(t.id())).containsExactlyElementsOf(events);
    assertThat(store.ticketByMessageId("<m1@example>")).contains(t.id());
  }

  @Test
  default void queue_ordersByDeadlineThenUrgencyThenArrival_andPagesByKeyset() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    List<Ticket> expected = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      Ticket t = gen.open("c" + i, "tech", T0.plusSeconds(i));
      Ticket shaped = t;
      if (i % 3 == 0) {
        shaped = Tickets.withPriority(t, Priority.URGENT);
      }
      if (i % 4 == 0) {
        shaped =
            Tickets.withSla(
                shaped,
                new SlaState(
                    Optional.of(T0.plus(Duration.ofHours(i % 5))),
                    Optional.empty(),
                    Optional.empty(),
                    List.of()));
      }
      store.commit(Tickets.create(t));
      if (shaped != t) {
        store.commit(Tickets.update(t, shaped));
      }
      expected.add(shaped);
    }
    Ticket elsewhere = gen.open("x", "billing", T0);
    store.commit(Tickets.create(elsewhere));
    Ticket waiting = gen.open("y", "tech", T0);
    store.commit(Tickets.create(waiting));
    store.commit(
        Tickets.update(waiting, Tickets.withStatus(waiting, TicketStatus.WAITING_ON_CUSTOMER)));

    expected.sort((a, b) -> a.queueKey().compareTo(b.queueKey()));
    List<Ticket> paged = new ArrayList<>();
    Optional<QueueKey> after = Optional.empty();
    while (true) {
      List<Ticket> page = store.queue(DepartmentId.of("tech"), after, 5);
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(5);
      paged.addAll(page);
      after = Optional.of(page.get(page.size() - 1).queueKey());
    }
    assertThat(paged).containsExactlyElementsOf(expected);
  }

  @Test
  default void queue_leavesOutTicketsThatAreNotWork() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket t = gen.open("c1", "tech", T0);
    store.commit(Tickets.create(t));
    assertThat(store.queue(DepartmentId.of("tech"), Optional.empty(), 10)).containsExactly(t);
    Ticket proposed = Tickets.withStatus(t, TicketStatus.RESOLUTION_PROPOSED);
    store.commit(Tickets.update(t, proposed));
    assertThat(store.queue(DepartmentId.of("tech"), Optional.empty(), 10)).isEmpty();
    Ticket onHold = Tickets.withStatus(proposed, TicketStatus.ON_HOLD);
    store.commit(Tickets.update(proposed, onHold));
    assertThat(store.queue(DepartmentId.of("tech"), Optional.empty(), 10)).containsExactly(onHold);
  }

  @Test
  default void ticketsOf_customerAndOrganization_newestFirst() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket older = Tickets.inOrganization(gen.open("c1", "tech", T0), "acme");
    Ticket newer = Tickets.inOrganization(gen.open("c1", "billing", T0.plusSeconds(60)), "acme");
    Ticket colleague = Tickets.inOrganization(gen.open("c2", "tech", T0.plusSeconds(30)), "acme");
    Ticket stranger = gen.open("c3", "tech", T0.plusSeconds(90));
    for (Ticket t : List.of(older, newer, colleague, stranger)) {
      store.commit(Tickets.create(t));
    }
    assertThat(store.ticketsOf(CustomerId.of("c1"), 10)).containsExactly(newer, older);
    assertThat(store.ticketsOf(CustomerId.of("c1"), 1)).containsExactly(newer);
    assertThat(store.ticketsOfOrganization(OrganizationId.of("acme"), 10))
        .containsExactly(newer, colleague, older);
    assertThat(store.ticketsOf(CustomerId.of("nobody"), 10)).isEmpty();
  }

  @Test
  default void linkedTo_returnsTheIncidentsTickets() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    IncidentId incident = new IncidentId(UUID.randomUUID());
    store.saveIncident(
        new Incident(
            incident, "Web server down on node 7", AgentId.of("a1"), T0, Optional.empty()));
    Ticket a = gen.open("c1", "tech", T0);
    Ticket b = gen.open("c2", "tech", T0.plusSeconds(1));
    Ticket unrelated = gen.open("c3", "tech", T0);
    for (Ticket t : List.of(a, b, unrelated)) {
      store.commit(Tickets.create(t));
    }
    Ticket a2 = Tickets.withIncident(a, incident);
    Ticket b2 = Tickets.withIncident(b, incident);
    store.commit(Tickets.update(a, a2));
    store.commit(Tickets.update(b, b2));
    assertThat(store.linkedTo(incident)).containsExactlyInAnyOrder(a2, b2);
    assertThat(store.incident(incident)).map(Incident::title).contains("Web server down on node 7");
  }

  @Test
  default void due_returnsTicketsWhoseCheckHasCome_earliestFirst_withCursor() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    List<Ticket> dueOnes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Ticket t = gen.open("c" + i, "tech", T0);
      Ticket timed =
          Tickets.withSla(
              t,
              new SlaState(
                  Optional.empty(),
                  Optional.of(T0.plusSeconds(60L * (7 - i))),
                  Optional.empty(),
                  List.of()));
      store.commit(Tickets.create(t));
      store.commit(Tickets.update(t, timed));
      dueOnes.add(0, timed);
    }
    Ticket later = gen.open("late", "tech", T0);
    store.commit(Tickets.create(later));
    store.commit(
        Tickets.update(
            later,
            Tickets.withSla(
                later,
                new SlaState(
                    Optional.empty(),
                    Optional.of(T0.plusSeconds(3600)),
                    Optional.empty(),
                    List.of()))));
    Ticket never = gen.open("never", "tech", T0);
    store.commit(Tickets.create(never));

    Instant now = T0.plusSeconds(420);
    List<Ticket> first = store.due(now, Optional.empty(), 4);
    assertThat(first).containsExactlyElementsOf(dueOnes.subList(0, 4));
    Ticket last = first.get(3);
    List<Ticket> rest =
        store.due(
            now, Optional.of(new TimeCursor(last.sla().nextCheck().orElseThrow(), last.id())), 10);
    assertThat(rest).containsExactlyElementsOf(dueOnes.subList(4, 7));

    Ticket handled = Tickets.withSla(dueOnes.get(0), SlaState.NONE);
    store.commit(Tickets.update(dueOnes.get(0), handled));
    assertThat(store.due(now, Optional.empty(), 10)).hasSize(6).doesNotContain(handled);
  }

  @Test
  default void openedBetween_pagesThroughAPeriod_oldestFirst() {
    TicketStore store = newStore();
    Tickets gen = tickets();
    List<Ticket> inPeriod = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Ticket t = gen.open("c" + i, i % 2 == 0 ? "tech" : "billing", T0.plusSeconds(i / 2));
      store.commit(Tickets.create(t));
      inPeriod.add(t);
    }
    Ticket before = gen.open("early", "tech", T0.minusNanos(1000));
    Ticket atEnd = gen.open("late", "tech", T0.plusSeconds(6));
    store.commit(Tickets.create(before));
    store.commit(Tickets.create(atEnd));
    inPeriod.sort(
        java.util.Comparator.comparing(Ticket::openedAt).thenComparing(t -> t.id().toString()));

    List<Ticket> paged = new ArrayList<>();
    Optional<TimeCursor> after = Optional.empty();
    while (true) {
      List<Ticket> page = store.openedBetween(T0, T0.plusSeconds(6), after, 5);
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(page);
      Ticket last = page.get(page.size() - 1);
      after = Optional.of(new TimeCursor(last.openedAt(), last.id()));
    }
    assertThat(paged).containsExactlyElementsOf(inPeriod);
  }

  @Test
  default void outbox_isOfferedUntilDelivered_andLeasedToOneDelivererAtATime() {
    TicketStore store = newStore();
    Ticket t = tickets().open("c1", "tech", T0);
    store.commit(
        new TicketChange(
            t,
            0,
            List.of(),
            List.of(),
            List.of(notification("n1", t), notification("n2", t)),
            Set.of()));
    assertThat(store.pendingOutbox(T0, 10))
        .extracting(OutboxMessage::key, OutboxMessage::attempts)
        .containsExactly(tuple("n1", 0), tuple("n2", 0));

    assertThat(store.leaseOutbox("n1", "node-a", T0, T0.plusSeconds(60))).isTrue();
    assertThat(store.leaseOutbox("n1", "node-b", T0.plusSeconds(1), T0.plusSeconds(61))).isFalse();
    assertThat(store.pendingOutbox(T0.plusSeconds(1), 10))
        .extracting(OutboxMessage::key)
        .containsExactly("n2");
    // An expired lease (the deliverer died) lets another node take over.
    assertThat(store.leaseOutbox("n1", "node-b", T0.plusSeconds(61), T0.plusSeconds(120))).isTrue();
    store.outboxDelivered("n1", T0.plusSeconds(62));
    assertThat(store.leaseOutbox("n1", "node-c", T0.plusSeconds(500), T0.plusSeconds(560)))
        .isFalse();

    assertThat(store.leaseOutbox("n2", "node-a", T0, T0.plusSeconds(60))).isTrue();
    store.outboxFailed("n2", "smtp down", T0.plusSeconds(300));
    assertThat(store.pendingOutbox(T0.plusSeconds(299), 10)).isEmpty();
    List<OutboxMessage> again = store.pendingOutbox(T0.plusSeconds(300), 10);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).payload()).isEqualTo(notification("n2", t).payload());
    assertThat(again.get(0).attempts()).isEqualTo(1);
    assertThat(store.pendingOutbox(T0, 10)).isEmpty();
  }

  @Test
  default void templates_areStoredByName() {
    TicketStore store = newStore();
    store.saveTemplate(new ReplyTemplate("refund", "Hello {{customer_name}}, refunded."));
    store.saveTemplate(new ReplyTemplate("dns", "Hello {{customer_name}}, DNS takes a day."));
    store.saveTemplate(new ReplyTemplate("refund", "Hi {{customer_name}}, refunded."));
    assertThat(store.template("refund"))
        .map(ReplyTemplate::body)
        .contains("Hi {{customer_name}}, refunded.");
    assertThat(store.templates()).extracting(ReplyTemplate::name).containsExactly("dns", "refund");
    assertThat(store.template("none")).isEmpty();
  }

  @Test
  default void commit_concurrentWritersOfOneTicket_exactlyOneWinsEachVersion() throws Exception {
    TicketStore store = newStore();
    Tickets gen = tickets();
    Ticket t = gen.open("c1", "tech", T0);
    store.commit(Tickets.create(t));
    int threads = 8;
    int rounds = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int writer = w;
        Callable<Integer> task =
            () -> {
              int wins = 0;
              Tickets own = new Tickets(writer);
              for (int r = 0; r < rounds; r++) {
                Ticket current = store.find(t.id()).orElseThrow();
                Ticket next =
                    Tickets.withStatus(
                        current, r % 2 == 0 ? TicketStatus.OPEN : TicketStatus.WAITING_ON_CUSTOMER);
                ThreadEntry e =
                    own.message(next, "writer " + writer + " round " + r, Optional.empty());
                try {
                  store.commit(
                      new TicketChange(
                          next,
                          current.version(),
                          List.of(e),
                          List.of(Tickets.statusEvent(current, next)),
                          List.of(),
                          Set.of()));
                  wins++;
                } catch (ConcurrentUpdateException lost) {
                  // expected: another writer took this version
                }
              }
              return wins;
            };
        results.add(pool.submit(task));
      }
      int wins = 0;
      for (Future<Integer> f : results) {
        wins += f.get(2, TimeUnit.MINUTES);
      }
      Ticket finalTicket = store.find(t.id()).orElseThrow();
      assertThat(finalTicket.version()).isEqualTo(1 + wins);
      assertThat(store.thread(t.id())).hasSize(wins);
      List<HelpdeskEvent> events = store.events(t.id());
      assertThat(events).hasSize(wins);
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).version()).isEqualTo(i + 2L);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void commit_concurrentOnceKeys_exactlyOneSucceeds() throws Exception {
    TicketStore store = newStore();
    Tickets gen = tickets();
    int threads = 8;
    List<Ticket> candidates = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      candidates.add(gen.open("c" + i, "tech", T0));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Ticket c : candidates) {
        results.add(
            pool.submit(
                () -> {
                  try {
                    store.commit(
                        new TicketChange(
                            c, 0, List.of(), List.of(), List.of(), Set.of("sla:once")));
                    return true;
                  } catch (ConcurrentUpdateException e) {
                    return false;
                  }
                }));
      }
      int successes = 0;
      for (Future<Boolean> f : results) {
        successes += f.get(2, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(successes).isEqualTo(1);
      assertThat(candidates.stream().filter(c -> store.find(c.id()).isPresent())).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static OutboxMessage notification(String key, Ticket t) {
    return new OutboxMessage(
        key,
        t.id(),
        T0,
        new Notification(
            Notification.Kind.CONFIRMATION,
            t.id(),
            t.reference(),
            "c@example.com",
            "C",
            "[" + t.reference() + "]",
            "body " + key,
            Optional.empty()));
  }
}
