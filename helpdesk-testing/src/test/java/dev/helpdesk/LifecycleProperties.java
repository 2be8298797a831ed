package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ALICE;
import static dev.helpdesk.DeskFixture.BILL;
import static dev.helpdesk.DeskFixture.BILLING;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.CAROL;
import static dev.helpdesk.DeskFixture.INTAKE;
import static dev.helpdesk.DeskFixture.TECH;
import static dev.helpdesk.DeskFixture.TINA;
import static dev.helpdesk.DeskFixture.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.HelpdeskException;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random sequences of commands by random actors, customers, staff and the system alike, against the
 * lifecycle's promises. Each property runs 1,000 sequences of up to 30 commands.
 */
class LifecycleProperties {
  private static final int EXAMPLES = 1_000;
  private static final List<Actor> ACTORS = List.of(ALICE, BOB, CAROL, TINA, TOM, BILL, INTAKE);
  private static final List<Actor.Customer> CUSTOMERS = List.of(ALICE, BOB, CAROL);

  /** One command: what, by whom, on which ticket. */
  record Op(int command, int actor, int ticket) {}

  private static final Gen<List<Op>> SEQUENCES =
      lists()
          .of(
              integers()
                  .between(0, 15)
                  .zip(integers().between(0, ACTORS.size() - 1), integers().between(0, 2), Op::new))
          .ofSizeBetween(1, 30);

  /**
   * A desk with three tickets: two of Alice's and one from a sender the directory does not know.
   */
  private static final class Run {
    final DeskFixture f = new DeskFixture();
    final List<TicketRef> tickets = new ArrayList<>();
    final IncidentId incident;

    Run() {
      tickets.add(f.openByAlice("first"));
      f.clock.advance(Duration.ofMinutes(1));
      tickets.add(f.openByAlice("second"));
      f.clock.advance(Duration.ofMinutes(1));
      tickets.add(
          f.desk.open(OpenTicket.fromEmail("stranger@example.net", TECH, "Hello", "Cheap pills")));
      incident = f.desk.openIncident(TINA, "web7 down");
    }

    /** Every ticket the desk has opened, follow-ups included. */
    List<Ticket> all() {
      return f.listener.events(TicketOpened.class).stream()
          .map(e -> f.store.find(e.ticket()).orElseThrow())
          .toList();
    }

    long eventCount() {
      return all().stream().mapToLong(t -> f.store.events(t.id()).size()).sum();
    }

    /** The argument refusals each command may give, by command number (regular expressions). */
    private static final Map<Integer, String> ARGUMENT_RULES =
        Map.of(
            8, "older|same requester|into itself",
            10, "does not work in department|works at L",
            12, "is already at",
            13, "already has priority");

    /** Runs the command; true if the desk accepted it, false if it refused it. */
    boolean apply(Op op) {
      Actor actor = ACTORS.get(op.actor());
      TicketRef ref = tickets.get(op.ticket());
      Helpdesk desk = f.desk;
      try {
        switch (op.command()) {
          case 0 -> desk.reply(ref, actor, "public message");
          case 1 -> desk.note(ref, actor, "internal note");
          case 2 -> desk.proposeResolution(ref, actor, "fixed?");
          case 3 -> desk.close(ref, actor);
          case 4 -> desk.reopen(ref, actor);
          case 5 -> desk.hold(ref, actor);
          case 6 -> desk.resume(ref, actor);
          case 7 -> desk.awaitCustomer(ref, actor);
          case 8 -> desk.merge(ref, actor, tickets.get((op.ticket() + 1) % tickets.size()));
          case 9 -> desk.markSpam(ref, actor);
          case 10 -> desk.assign(ref, actor, TINA.id());
          case 11 ->
              desk.transfer(
                  new Transfer(
                      ref,
                      actor,
                      f.ticket(ref).department().equals(TECH) ? BILLING : TECH,
                      "routing"));
          case 12 -> desk.escalate(new Escalation(ref, actor, Tier.of(2), "needs L2"));
          case 13 ->
              desk.changePriority(
                  ref, actor, Priority.values()[op.actor() % Priority.values().length]);
          case 14 -> desk.linkToIncident(ref, actor, incident);
          default -> desk.reply(ref, actor, "after a long pause");
        }
        return true;
      } catch (HelpdeskException refused) {
        return false;
      } catch (IllegalArgumentException refused) {
        // A few commands have argument rules beyond the lifecycle table; any other
        // IllegalArgumentException is a defect, not a refusal.
        String allowed = ARGUMENT_RULES.getOrDefault(op.command(), "(none)");
        if (!String.valueOf(refused.getMessage()).matches("(?s).*(" + allowed + ").*")) {
          throw refused;
        }
        return false;
      } finally {
        // Some sequences cross the reopen window, so follow-up tickets get exercised too.
        f.clock.advance(op.command() == 15 ? Duration.ofDays(10) : Duration.ofMinutes(7));
      }
    }
  }

  /** Runs every generated sequence, handing each command to {@code step} to apply and check. */
  private static void forEverySequence(BiConsumer<Run, Op> step) {
    qt().withExamples(EXAMPLES)
        .forAll(SEQUENCES)
        .checkAssert(
            ops -> {
              Run run = new Run();
              for (Op op : ops) {
                step.accept(run, op);
              }
            });
  }

  @Test
  void closed_onlyEverByTheTicketsOwnCustomer() {
    forEverySequence(
        (run, op) -> {
          run.apply(op);
          for (Ticket t : run.all()) {
            for (HelpdeskEvent e : run.f.store.events(t.id())) {
              if (e instanceof TicketClosed) {
                assertThat(e.actor()).isInstanceOf(Actor.Customer.class);
                assertThat(t.customer()).contains(((Actor.Customer) e.actor()).id());
              }
            }
            if (t.status() == TicketStatus.CLOSED) {
              HelpdeskEvent last = lastClosing(run.f.store.events(t.id()));
              assertThat(last.actor()).isEqualTo(Actor.customer(t.customer().orElseThrow()));
            }
          }
        });
  }

  private static HelpdeskEvent lastClosing(List<HelpdeskEvent> events) {
    HelpdeskEvent last = null;
    for (HelpdeskEvent e : events) {
      if (e instanceof TicketClosed) {
        last = e;
      }
    }
    assertThat(last).as("a closed ticket has a closing event").isNotNull();
    return last;
  }

  @Test
  void merged_alwaysHasASurvivingTarget() {
    forEverySequence(
        (run, op) -> {
          run.apply(op);
          for (Ticket t : run.all()) {
            if (t.status() == TicketStatus.MERGED) {
              Ticket current = t;
              int hops = 0;
              while (current.status() == TicketStatus.MERGED) {
                assertThat(current.mergedInto()).isPresent();
                current = run.f.store.find(current.mergedInto().get()).orElseThrow();
                assertThat(++hops).isLessThanOrEqualTo(run.all().size());
              }
              assertThat(current.mergedInto()).isEmpty();
            } else {
              assertThat(t.mergedInto()).isEmpty();
            }
          }
        });
  }

  @Test
  void everyAcceptedCommand_addsExactlyOneEvent_rejectedOnesNone() {
    forEverySequence(
        (run, op) -> {
          long before = run.eventCount();
          boolean accepted = run.apply(op);
          assertThat(run.eventCount() - before)
              .as("%s accepted=%s", op, accepted)
              .isEqualTo(accepted ? 1 : 0);
        });
  }

  @Test
  void customerView_neverShowsInternalNotesOrOthersTickets() {
    forEverySequence(
        (run, op) -> {
          run.apply(op);
          for (Actor.Customer c : CUSTOMERS) {
            for (Ticket t : run.all()) {
              Optional<TicketView> view = viewAs(run, t.reference(), c);
              view.ifPresent(
                  v -> {
                    assertThat(v.ticket().customer()).contains(c.id());
                    assertThat(v.thread()).allMatch(e -> e.visibility() == Visibility.PUBLIC);
                  });
            }
            assertThat(run.f.desk.ticketsOf(c, 100))
                .allMatch(t -> t.customer().equals(Optional.of(c.id())));
          }
        });
  }

  private static Optional<TicketView> viewAs(Run run, TicketRef ref, Actor actor) {
    try {
      return Optional.of(run.f.desk.view(ref, actor));
    } catch (ActionNotPermittedException e) {
      return Optional.empty();
    }
  }

  @Test
  void replayingTheEvents_givesTheStoredTicket_slaClocksIncluded() {
    forEverySequence(
        (run, op) -> {
          run.apply(op);
          // SLA warnings, breaches and their escalations are part of the trail too.
          run.f.desk.runDueSlaChecks();
          for (Ticket t : run.all()) {
            assertThat(run.f.desk.replay(t.reference(), Actor.system("audit"))).isEqualTo(t);
          }
        });
  }
}
