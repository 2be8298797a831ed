package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ALICE;
import static dev.helpdesk.DeskFixture.BILL;
import static dev.helpdesk.DeskFixture.BILLING;
import static dev.helpdesk.DeskFixture.TECH;
import static dev.helpdesk.DeskFixture.TINA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.HelpdeskException;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.ticket.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight threads attack three tickets at once with replies, notes, transfers, closes and reopens.
 * Whatever interleaving happens, no accepted message is lost, no event is duplicated, versions
 * count up without gaps and every ticket is what its events say.
 */
class HelpdeskConcurrencyTest {
  private static final int THREADS = 8;
  private static final int OPERATIONS = 300;

  @Test
  void commandsFromEightThreads_loseNothing_andKeepTheTrailConsistent() throws Exception {
    DeskFixture f = new DeskFixture();
    List<TicketRef> tickets =
        List.of(f.openByAlice("one"), f.openByAlice("two"), f.openByAlice("three"));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> posted = new ArrayList<>();
    try {
      for (int w = 0; w < THREADS; w++) {
        Random random = new Random(w);
        posted.add(
            pool.submit(
                () -> {
                  start.await();
                  int messages = 0;
                  for (int i = 0; i < OPERATIONS; i++) {
                    TicketRef ref = tickets.get(random.nextInt(tickets.size()));
                    try {
                      switch (random.nextInt(6)) {
                        case 0 -> {
                          f.desk.reply(ref, ALICE, "customer " + i);
                          messages++;
                        }
                        case 1 -> {
                          Actor agent = f.ticket(ref).department().equals(TECH) ? TINA : BILL;
                          f.desk.reply(ref, agent, "agent " + i);
                          messages++;
                        }
                        case 2 -> {
                          Ticket t = f.ticket(ref);
                          Actor agent = t.department().equals(TECH) ? TINA : BILL;
                          f.desk.transfer(
                              new Transfer(
                                  ref,
                                  agent,
                                  t.department().equals(TECH) ? BILLING : TECH,
                                  "routing"));
                        }
                        case 3 -> f.desk.close(ref, ALICE);
                        case 4 -> f.desk.reopen(ref, ALICE);
                        default -> {
                          f.desk.note(
                              ref,
                              f.ticket(ref).department().equals(TECH) ? TINA : BILL,
                              "note " + i);
                          messages++;
                        }
                      }
                    } catch (HelpdeskException | IllegalArgumentException refused) {
                      // A refusal (wrong state, or the department moved under us) changes nothing.
                    }
                  }
                  return messages;
                }));
      }
      start.countDown();
      int accepted = 0;
      for (Future<Integer> p : posted) {
        accepted += p.get(2, TimeUnit.MINUTES);
      }
      int stored = 0;
      for (TicketRef ref : tickets) {
        Ticket t = f.ticket(ref);
        List<HelpdeskEvent> events = f.store.events(t.id());
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).version()).as("event %s of %s", i, ref).isEqualTo(i + 1L);
        }
        assertThat(t.version()).isEqualTo(events.size());
        assertThat(f.desk.replay(ref, Actor.system("audit"))).isEqualTo(t);
        stored += f.store.thread(t.id()).size() - 1; // the opening message
      }
      assertThat(stored).isEqualTo(accepted);
      assertThat(f.listener.events())
          .hasSize(tickets.stream().mapToInt(r -> f.store.events(f.ticket(r).id()).size()).sum());
    } finally {
      pool.shutdownNow();
    }
  }
}
