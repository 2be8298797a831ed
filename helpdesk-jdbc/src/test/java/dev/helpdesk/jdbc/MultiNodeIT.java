package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.Transfer;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IllegalTransitionException;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.event.HelpdeskEvent.TicketReopened;
import dev.helpdesk.event.HelpdeskEvent.TicketTransferred;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.RecordingListener;
import dev.helpdesk.testing.RecordingNotifier;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes (two desks, each on its own {@link JdbcStore} over its own connection pool) share one
 * PostgreSQL or MariaDB database and work the same few tickets at once. H2 is the embedded,
 * single-node store and is left out.
 */
class MultiNodeIT {
  private static final int THREADS = 8;
  private static final int OPERATIONS_PER_THREAD = 30;
  private static final Actor ALICE = Actor.customer(CustomerId.of("alice"));
  private static final Actor TINA = Actor.agent(AgentId.of("tina"));
  private static final List<DepartmentId> DEPARTMENTS =
      List.of(DepartmentId.of("tech"), DepartmentId.of("billing"));

  /** Two desks on two pools over one database, with one clock and one billing portal. */
  static final class Cluster implements AutoCloseable {
    final SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
    final FakeDirectory directory =
        new FakeDirectory()
            .department("tech", "Tech")
            .department("billing", "Billing")
            .customer("alice", "Alice", "alice@example.com")
            .agent("tina", "Tina", 1, "tech", "billing");
    final RecordingListener billing = new RecordingListener();
    final List<HikariDataSource> pools = new ArrayList<>();
    final List<Helpdesk> nodes = new ArrayList<>();
    final TicketStore store;

    /** Both nodes on one database server. */
    Cluster(DataSource database) {
      this(database, database);
    }

    /** Each node on its own database node (of a Galera cluster), as a real deployment runs them. */
    Cluster(DataSource first, DataSource second) {
      List<DataSource> databases = List.of(first, second);
      for (int n = 0; n < 2; n++) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(databases.get(n));
        config.setMaximumPoolSize(4);
        config.setPoolName("node-" + n);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        nodes.add(desk(JdbcStore.create(pool).ticketStore()));
      }
      store = JdbcStore.create(pools.get(0)).ticketStore();
    }

    private Helpdesk desk(TicketStore store) {
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

    Ticket ticket(TicketRef ref) {
      return store.findByReference(ref).orElseThrow();
    }

    @Override
    public void close() {
      pools.forEach(HikariDataSource::close);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.Kind.class,
      names = {"POSTGRESQL", "MARIADB"})
  void twoNodes_racingOnFewTickets_loseNothingAndKeepEachHistoryConsistent(TestDatabases.Kind kind)
      throws Exception {
    try (Cluster cluster = new Cluster(kind.fresh())) {
      racingOnFewTickets(cluster);
    }
  }

  @Test
  void twoNodesOnTwoGaleraNodes_racingOnFewTickets_loseNothingAndKeepEachHistoryConsistent()
      throws Exception {
    GaleraCluster galera = GaleraCluster.get();
    String db = galera.freshDatabase();
    try (Cluster cluster = new Cluster(galera.node(1, db), galera.node(2, db))) {
      racingOnFewTickets(cluster);
    }
  }

  static void racingOnFewTickets(Cluster cluster) throws Exception {
    List<TicketRef> refs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      refs.add(
          cluster
              .nodes
              .get(0)
              .open(
                  OpenTicket.byCustomer(
                      CustomerId.of("alice"), DEPARTMENTS.get(0), "Race " + i, "first")));
    }
    Map<TicketRef, AtomicInteger> posted = new ConcurrentHashMap<>();
    refs.forEach(r -> posted.put(r, new AtomicInteger(1))); // the opening message
    AtomicInteger succeeded = new AtomicInteger();

    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      Helpdesk node = cluster.nodes.get(w % 2);
      Random random = new Random(w);
      workers.add(
          () -> {
            for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
              TicketRef ref = refs.get(random.nextInt(refs.size()));
              try {
                if (operate(cluster, node, ref, random.nextInt(5), posted)) {
                  succeeded.incrementAndGet();
                }
              } catch (ConcurrentUpdateException | IllegalTransitionException expected) {
                // Lost every retry against the other writers, or the state moved on: no effect.
              }
            }
            return null;
          });
    }
    runAtOnce(workers);

    assertThat(succeeded.get()).as("operations that took effect").isGreaterThan(THREADS * 5);
    for (TicketRef ref : refs) {
      Ticket ticket = cluster.ticket(ref);
      List<ThreadEntry> thread = cluster.store.thread(ticket.id());
      assertThat(thread).as("entries of %s", ref).hasSize(posted.get(ref).get());
      assertThat(new HashSet<>(thread)).hasSameSizeAs(thread);
      assertReplays(ticket, cluster.store.events(ticket.id()));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.Kind.class,
      names = {"POSTGRESQL", "MARIADB"})
  void twoNodes_checkingSlasAndDeliveringAtOnce_breachAndCompensateEachTicketOnce(
      TestDatabases.Kind kind) throws Exception {
    try (Cluster cluster = new Cluster(kind.fresh())) {
      checkingSlasAndDelivering(cluster);
    }
  }

  @Test
  void twoNodesOnTwoGaleraNodes_checkingSlasAndDeliveringAtOnce_breachAndCompensateEachTicketOnce()
      throws Exception {
    GaleraCluster galera = GaleraCluster.get();
    String db = galera.freshDatabase();
    try (Cluster cluster = new Cluster(galera.node(1, db), galera.node(3, db))) {
      checkingSlasAndDelivering(cluster);
    }
  }

  static void checkingSlasAndDelivering(Cluster cluster) throws Exception {
    List<TicketRef> urgent = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      urgent.add(
          cluster
              .nodes
              .get(i % 2)
              .open(
                  OpenTicket.byCustomer(
                          CustomerId.of("alice"), DEPARTMENTS.get(i % 2), "Down " + i, "down")
                      .withPriority(Priority.URGENT)));
    }
    cluster.clock.advance(Duration.ofMinutes(20));

    List<Callable<Void>> checks = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      Helpdesk node = cluster.nodes.get(w % 2);
      checks.add(
          () -> {
            node.runDueSlaChecks();
            node.deliverOutbox();
            return null;
          });
    }
    runAtOnce(checks);
    cluster.nodes.forEach(Helpdesk::deliverOutbox);

    for (TicketRef ref : urgent) {
      assertThat(cluster.store.events(cluster.ticket(ref).id()))
          .filteredOn(SlaBreached.class::isInstance)
          .as("breaches of %s", ref)
          .hasSize(1);
    }
    List<RecordingListener.Durable> credits = cluster.billing.durable();
    assertThat(credits).hasSize(urgent.size()).allMatch(d -> d.event() instanceof CompensationOwed);
    Set<String> keys = new HashSet<>();
    credits.forEach(d -> keys.add(d.key()));
    assertThat(keys).hasSize(urgent.size());
  }

  /**
   * Both desks work while database node 2, the one desk B stands on, is killed with SIGKILL and
   * later restarted. Desk B's driver fails over to the other nodes (sequential mode, its own node
   * first). Every command either succeeds or fails as temporary (never a wrong answer); at the end
   * every acknowledged command is stored exactly once, nothing unacknowledged was stored, each
   * ticket is what its events say, and each breach and credit exists once.
   */
  @Test
  void twoNodesOnGalera_aDatabaseNodeKilledMidRun_loseNothingAndDuplicateNothing()
      throws Exception {
    GaleraCluster galera = GaleraCluster.get();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        galera.ownsProcesses(), "kills a database node: only on a cluster these tests started");
    String db = galera.freshDatabase();
    try (Cluster cluster = new Cluster(galera.failover(1, db), galera.failover(2, db))) {
      List<TicketRef> urgent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        urgent.add(
            cluster
                .nodes
                .get(i % 2)
                .open(
                    OpenTicket.byCustomer(
                            CustomerId.of("alice"), DEPARTMENTS.get(0), "Down " + i, "down")
                        .withPriority(Priority.URGENT)));
      }
      cluster.clock.advance(Duration.ofMinutes(20)); // every urgent first response is late now
      Map<TicketRef, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
      urgent.forEach(r -> acknowledged.put(r, new AtomicInteger(1)));
      AtomicInteger temporaryFailures = new AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean running =
          new java.util.concurrent.atomic.AtomicBoolean(true);

      // Commands desk B (on the node that is killed) completed, to show it worked across the kill.
      AtomicInteger deskBDone = new AtomicInteger();
      List<Callable<Void>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Helpdesk node = cluster.nodes.get(w % 2);
        AtomicInteger completed = w % 2 == 1 ? deskBDone : new AtomicInteger();
        Random random = new Random(w);
        workers.add(
            () -> {
              while (running.get()) {
                try {
                  int action = random.nextInt(4);
                  if (action == 0) {
                    TicketRef ref =
                        node.open(
                            OpenTicket.byCustomer(
                                CustomerId.of("alice"), DEPARTMENTS.get(1), "New", "hello"));
                    acknowledged.put(ref, new AtomicInteger(1));
                  } else if (action == 1) {
                    node.runDueSlaChecks();
                    node.deliverOutbox();
                  } else {
                    List<TicketRef> refs = new ArrayList<>(acknowledged.keySet());
                    TicketRef ref = refs.get(random.nextInt(refs.size()));
                    TicketRef landed = node.reply(ref, ALICE, "still down");
                    assertThat(landed).isEqualTo(ref);
                    acknowledged.get(ref).incrementAndGet();
                  }
                  completed.incrementAndGet();
                } catch (dev.helpdesk.domain.HelpdeskException e) {
                  if (!e.isTemporary() && !(e instanceof ConcurrentUpdateException)) {
                    throw e;
                  }
                  temporaryFailures.incrementAndGet();
                }
              }
              return null;
            });
      }
      int beforeKill;
      ExecutorService pool = Executors.newFixedThreadPool(workers.size());
      try {
        List<Future<Void>> done = new ArrayList<>();
        workers.forEach(w -> done.add(pool.submit(w)));
        Thread.sleep(3_000);
        beforeKill = deskBDone.get();
        galera.kill(2);
        Thread.sleep(8_000);
        galera.restart(2);
        Thread.sleep(3_000);
        running.set(false);
        for (Future<Void> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      cluster.clock.advance(Duration.ofMinutes(20));
      cluster.nodes.forEach(Helpdesk::runDueSlaChecks);
      cluster.nodes.forEach(Helpdesk::deliverOutbox);

      // Node 3 applies the other nodes' commits asynchronously: read after it caught up.
      int stored =
          Jdbi.create(galera.node(3, db))
              .withHandle(
                  h -> {
                    h.execute("SET SESSION wsrep_sync_wait = 1");
                    return h.createQuery("SELECT COUNT(*) FROM tickets").mapTo(Integer.class).one();
                  });
      assertThat(stored)
          .as("tickets stored: exactly the acknowledged ones")
          .isEqualTo(acknowledged.size());
      for (Map.Entry<TicketRef, AtomicInteger> e : acknowledged.entrySet()) {
        Ticket ticket = cluster.ticket(e.getKey());
        assertThat(cluster.store.thread(ticket.id()))
            .as("messages of %s: exactly the acknowledged ones", e.getKey())
            .hasSize(e.getValue().get());
        assertReplays(ticket, cluster.store.events(ticket.id()));
        assertThat(cluster.nodes.get(1).replay(e.getKey(), TINA)).isEqualTo(ticket);
      }
      for (TicketRef ref : urgent) {
        assertThat(cluster.store.events(cluster.ticket(ref).id()))
            .filteredOn(SlaBreached.class::isInstance)
            .filteredOn(b -> ((SlaBreached) b).target() == SlaTarget.FIRST_RESPONSE)
            .as("first-response breaches of %s", ref)
            .hasSize(1);
      }
      Set<String> keys = new HashSet<>();
      cluster.billing.durable().forEach(d -> keys.add(d.key()));
      assertThat(keys).as("credits, by idempotency key").hasSameSizeAs(cluster.billing.durable());
      // The kill fell mid-run: desk B worked before it and, failed over, after it. Its commands in
      // flight at the kill fail as temporary, but a kill between two of them is passed over by the
      // driver's failover without any failure, so their number may be 0.
      assertThat(beforeKill).as("desk B's commands before the kill").isPositive();
      assertThat(deskBDone.get())
          .as("desk B's commands by the end (%s temporary failures)", temporaryFailures.get())
          .isGreaterThan(beforeKill);
    }
  }

  /** One random action; true when it took effect. */
  private static boolean operate(
      Cluster cluster,
      Helpdesk node,
      TicketRef ref,
      int action,
      Map<TicketRef, AtomicInteger> posted) {
    switch (action) {
      case 0, 1 -> {
        TicketRef landed = node.reply(ref, action == 0 ? ALICE : TINA, "message");
        posted.computeIfAbsent(landed, r -> new AtomicInteger()).incrementAndGet();
        assertThat(landed)
            .as("a reply within the reopen window stays on its ticket")
            .isEqualTo(ref);
      }
      case 2 -> {
        DepartmentId current = cluster.ticket(ref).department();
        DepartmentId other = DEPARTMENTS.get(DEPARTMENTS.get(0).equals(current) ? 1 : 0);
        try {
          node.transfer(new Transfer(ref, TINA, other, "other team"));
        } catch (IllegalArgumentException alreadyThere) {
          return false; // another node moved it first
        }
      }
      case 3 -> node.close(ref, ALICE);
      default -> node.reopen(ref, ALICE);
    }
    return true;
  }

  /**
   * Versions run 1..n without gaps or repeats, every event was decided on the state the events
   * before it produced, and the stored ticket is what its events say.
   */
  private static void assertReplays(Ticket stored, List<HelpdeskEvent> events) {
    assertThat(events).extracting(HelpdeskEvent::version).isEqualTo(versions(events.size()));
    assertThat(new HashSet<>(events)).hasSameSizeAs(events);
    TicketOpened opened = (TicketOpened) events.get(0);
    TicketStatus status = TicketStatus.OPEN;
    DepartmentId department = opened.department();
    int transfers = 0;
    for (HelpdeskEvent e : events.subList(1, events.size())) {
      if (e instanceof MessagePosted m) {
        assertThat(m.statusBefore()).as("%s", e).isEqualTo(status);
        status = m.statusAfter();
      } else if (e instanceof TicketClosed c) {
        assertThat(c.statusBefore()).as("%s", e).isEqualTo(status);
        status = TicketStatus.CLOSED;
      } else if (e instanceof TicketReopened r) {
        assertThat(r.statusBefore()).as("%s", e).isEqualTo(status);
        status = TicketStatus.OPEN;
      } else if (e instanceof TicketTransferred t) {
        assertThat(t.from()).as("%s", e).isEqualTo(department);
        department = t.to();
        transfers++;
      }
    }
    assertThat(stored.version()).isEqualTo(events.size());
    assertThat(stored.status()).isEqualTo(status);
    assertThat(stored.department()).isEqualTo(department);
    assertThat(stored.transfers()).isEqualTo(transfers);
  }

  private static List<Long> versions(int n) {
    List<Long> versions = new ArrayList<>();
    for (long v = 1; v <= n; v++) {
      versions.add(v);
    }
    return versions;
  }

  private static void runAtOnce(List<Callable<Void>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> runs = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      for (Future<Void> run : runs) {
        run.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
