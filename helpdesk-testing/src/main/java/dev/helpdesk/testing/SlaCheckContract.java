package dev.helpdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.SlaCheckResult;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.event.ServiceLevelEvent.SlaWarningReached;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.spi.TicketStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SLA checks against a store: the due index finds what is due, and each warning and breach is
 * recorded exactly once however often and however concurrently the checks run, on one desk or on
 * two desks (nodes) sharing the store. Every {@link TicketStore} adapter runs it.
 */
public interface SlaCheckContract {

  /** A fresh, empty store. */
  TicketStore newStore();

  /** How many random schedules the property tries; adapters on a server may lower it. */
  default int examples() {
    return 200;
  }

  /** Two desks (nodes) on one store and one clock, crediting 5.00 EUR per missed first response. */
  final class Nodes {
    final SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
    final FakeDirectory directory =
        new FakeDirectory()
            .department("tech", "Tech")
            .customer("alice", "Alice", "alice@example.com")
            .agent("tina", "Tina", 1, "tech");
    final RecordingListener billing = new RecordingListener();
    final Helpdesk first;
    final Helpdesk second;
    final TicketStore store;

    Nodes(TicketStore store) {
      this.store = store;
      first = desk();
      second = desk();
    }

    private Helpdesk desk() {
      return Helpdesk.builder()
          .store(store)
          .directory(directory)
          .notifier(new RecordingNotifier())
          .durableListener(billing)
          .clock(clock)
          .compensation(
              CompensationPolicy.of(
                  Map.of(
                      SlaTarget.FIRST_RESPONSE,
                      new CompensationPolicy.Rule(
                          new CompensationPolicy.Fixed(500, Currency.getInstance("EUR")),
                          "late first response")),
                  Optional.empty()))
          .build();
    }

    TicketRef urgent(String subject) {
      return first.open(
          OpenTicket.byCustomer(
                  CustomerId.of("alice"), DepartmentId.of("tech"), subject, "Shop down")
              .withPriority(Priority.URGENT));
    }

    List<HelpdeskEvent> events(TicketRef ref) {
      return store.events(store.findByReference(ref).orElseThrow().id());
    }
  }

  @Test
  default void runDueSlaChecks_findsOnlyWhatIsDue() {
    Nodes nodes = new Nodes(newStore());
    TicketRef urgent = nodes.urgent("Shop down");
    TicketRef normal =
        nodes.first.open(
            OpenTicket.byCustomer(
                CustomerId.of("alice"), DepartmentId.of("tech"), "DNS", "question"));
    nodes.clock.advance(Duration.ofMinutes(16));
    SlaCheckResult result = nodes.first.runDueSlaChecks();
    assertThat(result.breaches()).isEqualTo(1);
    assertThat(nodes.events(urgent)).filteredOn(SlaBreached.class::isInstance).hasSize(1);
    assertThat(nodes.events(normal))
        .noneMatch(e -> e instanceof SlaBreached || e instanceof SlaWarningReached);
  }

  @Test
  default void runDueSlaChecks_concurrentlyOnTwoNodes_recordsEachBreachOnce() throws Exception {
    Nodes nodes = new Nodes(newStore());
    List<TicketRef> refs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      refs.add(nodes.urgent("Shop down " + i));
    }
    nodes.clock.advance(Duration.ofMinutes(20));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<SlaCheckResult>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Helpdesk node = i % 2 == 0 ? nodes.first : nodes.second;
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return node.runDueSlaChecks();
                }));
      }
      start.countDown();
      int breaches = 0;
      for (Future<SlaCheckResult> run : runs) {
        breaches += run.get(2, TimeUnit.MINUTES).breaches();
      }
      assertThat(breaches).isEqualTo(refs.size());
    } finally {
      pool.shutdownNow();
    }
    for (TicketRef ref : refs) {
      assertThat(nodes.events(ref)).filteredOn(SlaBreached.class::isInstance).hasSize(1);
    }
    nodes.first.deliverOutbox();
    nodes.second.deliverOutbox();
    Set<String> keys = new HashSet<>();
    nodes.billing.durable().forEach(d -> keys.add(d.key()));
    assertThat(nodes.billing.durable())
        .hasSize(refs.size())
        .allMatch(d -> d.event() instanceof CompensationOwed);
    assertThat(keys).hasSize(refs.size());
  }

  @Test
  default void runDueSlaChecks_anySchedule_eachWarningAndBreachAtMostOnce() {
    qt().withExamples(examples())
        .forAll(lists().of(integers().between(0, 5)).ofSizeBetween(1, 12))
        .checkAssert(
            steps -> {
              Nodes nodes = new Nodes(newStore());
              List<TicketRef> refs = List.of(nodes.urgent("a"), nodes.urgent("b"));
              for (int step : steps) {
                switch (step) {
                  case 0 -> nodes.clock.advance(Duration.ofMinutes(4));
                  case 1 -> nodes.first.runDueSlaChecks();
                  case 2 -> nodes.second.runDueSlaChecks();
                  case 3 ->
                      nodes.first.reply(refs.get(0), Actor.agent(AgentId.of("tina")), "on it");
                  case 4 ->
                      nodes.first.reply(
                          refs.get(0), Actor.customer(CustomerId.of("alice")), "still down");
                  default -> nodes.clock.advance(Duration.ofHours(1));
                }
              }
              nodes.first.runDueSlaChecks();
              nodes.second.runDueSlaChecks();
              for (TicketRef ref : refs) {
                Set<String> seen = new HashSet<>();
                for (HelpdeskEvent e : nodes.events(ref)) {
                  if (e instanceof SlaBreached b) {
                    assertThat(seen.add("B" + b.target() + b.cycle()))
                        .as("breach %s once", b)
                        .isTrue();
                  } else if (e instanceof SlaWarningReached w) {
                    assertThat(seen.add("W" + w.target() + w.cycle()))
                        .as("warning %s once", w)
                        .isTrue();
                  }
                }
              }
            });
  }
}
