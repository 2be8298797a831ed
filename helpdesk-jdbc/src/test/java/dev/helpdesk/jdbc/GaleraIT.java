package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.spi.MailArchive;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.MailArchiveContract;
import dev.helpdesk.testing.SlaCheckContract;
import dev.helpdesk.testing.TicketStoreContract;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store's contracts on a 3-node MariaDB Galera cluster, through the driver's load balancing, so
 * that consecutive operations of one store land on different database nodes: every read of a node's
 * own writes and every once-only rule is tested across nodes. Skipped, saying how to run it, when
 * the machine has no Galera ({@link GaleraCluster}).
 */
class GaleraIT {
  /**
   * Skips the whole class, nested contracts included, when there is no cluster: inside a property
   * the abort of {@link GaleraCluster#get} would be reported as a falsified example instead.
   */
  @BeforeAll
  static void requireCluster() {
    GaleraCluster.get();
  }

  private static JdbcStore store() {
    GaleraCluster galera = GaleraCluster.get();
    return JdbcStore.create(galera.loadBalanced(galera.freshDatabase()));
  }

  @Test
  void aCommitOnOneNode_isReadAtOnceOnAnother() {
    GaleraCluster galera = GaleraCluster.get();
    String db = galera.freshDatabase();
    TicketStore writer = JdbcStore.create(galera.node(1, db)).ticketStore();
    TicketStore reader = JdbcStore.create(galera.node(2, db)).ticketStore();
    dev.helpdesk.testing.Tickets tickets = new dev.helpdesk.testing.Tickets(11);
    Instant at = Instant.parse("2026-12-07T09:00:00Z");
    int missed = 0;
    for (int i = 0; i < 300; i++) {
      Ticket t = tickets.open("c" + i, "tech", at);
      writer.commit(new TicketChange(t, 0, List.of(), List.of(), List.of(), Set.of()));
      if (reader.find(t.id()).isEmpty()) {
        missed++;
      }
    }
    assertThat(missed).as("tickets another node did not see right after their commit").isZero();
  }

  @Test
  void threeNodesMigratingAtOnce_eachOnItsOwnDatabaseNode_applyEachScriptOnce() throws Exception {
    GaleraCluster galera = GaleraCluster.get();
    String db = galera.freshDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(galera.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<JdbcStore>> nodes = new ArrayList<>();
      for (int k = 1; k <= galera.size(); k++) {
        DataSource node = galera.node(k, db);
        nodes.add(
            pool.submit(
                () -> {
                  start.await();
                  return JdbcStore.create(node);
                }));
      }
      start.countDown();
      for (Future<JdbcStore> node : nodes) {
        assertThat(node.get(120, TimeUnit.SECONDS).migrate()).as("nothing left to apply").isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Integer> versions =
        Jdbi.create(galera.node(3, db))
            .withHandle(
                h ->
                    h.createQuery("SELECT version FROM helpdesk_schema_version ORDER BY version")
                        .mapTo(Integer.class)
                        .list());
    assertThat(versions).doesNotHaveDuplicates().isNotEmpty();
  }

  @Nested
  class Tickets implements TicketStoreContract {
    @Override
    public TicketStore newStore() {
      return store().ticketStore();
    }
  }

  @Nested
  class SlaChecks implements SlaCheckContract {
    @Override
    public TicketStore newStore() {
      return store().ticketStore();
    }

    @Override
    public int examples() {
      return 10;
    }
  }

  @Nested
  class Mail implements MailArchiveContract {
    @Override
    public MailArchive newArchive() {
      return store().mailArchive();
    }
  }
}
