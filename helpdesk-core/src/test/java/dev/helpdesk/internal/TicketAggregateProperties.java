package dev.helpdesk.internal;

import static dev.helpdesk.internal.Tickets.AGGREGATE;
import static dev.helpdesk.internal.Tickets.ALICE;
import static dev.helpdesk.internal.Tickets.ALICE_ID;
import static dev.helpdesk.internal.Tickets.BILLING;
import static dev.helpdesk.internal.Tickets.BOB;
import static dev.helpdesk.internal.Tickets.BOB_ID;
import static dev.helpdesk.internal.Tickets.ID;
import static dev.helpdesk.internal.Tickets.INTAKE;
import static dev.helpdesk.internal.Tickets.REOPEN_WINDOW;
import static dev.helpdesk.internal.Tickets.SLA;
import static dev.helpdesk.internal.Tickets.T0;
import static dev.helpdesk.internal.Tickets.TECH;
import static dev.helpdesk.internal.Tickets.TINA;
import static dev.helpdesk.internal.Tickets.TINA_ID;
import static dev.helpdesk.internal.Tickets.TINA_PROFILE;
import static dev.helpdesk.internal.Tickets.TOM;
import static dev.helpdesk.internal.Tickets.TOM_ID;
import static dev.helpdesk.internal.Tickets.TOM_PROFILE;
import static dev.helpdesk.internal.Tickets.entry;
import static dev.helpdesk.internal.Tickets.id;
import static dev.helpdesk.internal.Tickets.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.HelpdeskException;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.sla.CompensationPolicy.Compensation;
import dev.helpdesk.sla.SlaPolicies;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random command sequences by customers, agents and the system, decided by the aggregate alone from
 * random reachable states: only the customer closes (R9), every decision is events with consecutive
 * versions or a refusal, deciding depends on its inputs only, and feedback is accepted at most once
 * per closure. The examples come from the build's fixed seed ({@code -Dhelpdesk.qt.seed}, handed to
 * QuickTheories as {@code QT_SEED}).
 */
class TicketAggregateProperties {
  private static final int EXAMPLES = 1_000;
  private static final int COMMANDS = 18;
  private static final int CLOSE = 3;
  private static final int REOPEN = 4;
  private static final int FEEDBACK = 17;

  private static final List<Actor> EVERYONE = List.of(ALICE, BOB, TINA, TOM, SLA, INTAKE);
  private static final List<Actor> STAFF = List.of(TINA, TOM, SLA, INTAKE);

  /** Mostly the requester, so that she closes, rates and reopens often enough. */
  private static final List<Actor> MOSTLY_ALICE = List.of(ALICE, ALICE, ALICE, BOB, TINA, SLA);

  private static final Compensation CREDIT =
      new Compensation(500, Currency.getInstance("EUR"), "unfixable problem");
  private static final List<AgentId> AGENTS = List.of(TINA_ID, TOM_ID, AgentId.of("gone"));
  private static final List<Optional<AgentProfile>> PROFILES =
      List.of(Optional.of(TINA_PROFILE), Optional.of(TOM_PROFILE), Optional.empty());

  /** One command: which, by which actor (an index into the run's actors), its argument, pause. */
  record Op(int command, int actor, int arg, int pause) {}

  /** Commands biased towards closing, reopening and feedback, so closures come round often. */
  private static Gen<Op> ops(List<Actor> actors) {
    Gen<Integer> commands =
        integers()
            .between(0, COMMANDS - 1)
            .mix(Generate.pick(List.of(CLOSE, REOPEN, FEEDBACK)), 30);
    return commands.zip(
        integers().between(0, actors.size() - 1),
        integers().between(0, 999),
        integers().between(0, 9),
        Op::new);
  }

  private static Gen<List<Op>> sequences(List<Actor> actors, int min, int max) {
    return lists().of(ops(actors)).ofSizeBetween(min, max);
  }

  /**
   * One ticket (Alice's, or a stranger's) and the older tickets a merge may target, driven by
   * decisions: accepted events are evolved, refusals leave the ticket as it was.
   */
  private static final class Run {
    final List<Actor> actors;
    final List<Ticket> survivors;
    Ticket ticket;
    Instant now = T0.plus(Duration.ofMinutes(1));
    int entries;

    Run(boolean known, List<Actor> actors) {
      this.actors = actors;
      Requester requester =
          known ? new Requester.Known(ALICE_ID) : new Requester.Unknown("stranger@example.net");
      ticket = open(ID, requester, T0);
      Instant earlier = T0.minus(Duration.ofHours(1));
      Ticket olderClosed = open(id(3), requester, earlier);
      if (known) {
        olderClosed =
            AGGREGATE.evolve(
                olderClosed,
                AGGREGATE.close(olderClosed, ALICE, earlier).eventsOrThrow(),
                Optional.empty());
      }
      survivors =
          List.of(
              open(id(0), requester, earlier),
              open(id(2), new Requester.Known(BOB_ID), earlier),
              olderClosed);
    }

    Actor actor(Op op) {
      return actors.get(op.actor() % actors.size());
    }

    /** The aggregate's decision on {@code op} for the current ticket, by {@code aggregate}. */
    Decision decide(TicketAggregate aggregate, Op op) {
      Actor actor = actor(op);
      int arg = op.arg();
      Ticket t = ticket;
      return switch (op.command()) {
        case 0 -> aggregate.post(t, actor, Visibility.PUBLIC, entry(entries + 1), now);
        case 1 -> aggregate.post(t, actor, Visibility.INTERNAL, entry(entries + 1), now);
        case 2 -> aggregate.proposeResolution(t, actor, entry(entries + 1), now);
        case CLOSE -> aggregate.close(t, actor, now);
        case REOPEN -> aggregate.reopen(t, actor, now);
        case 5 -> aggregate.changeStatus(t, actor, Action.HOLD, now);
        case 6 -> aggregate.changeStatus(t, actor, Action.RESUME, now);
        case 7 -> aggregate.changeStatus(t, actor, Action.AWAIT_CUSTOMER, now);
        case 8 -> aggregate.merge(t, actor, arg % 4 == 3 ? t : survivors.get(arg % 4), now);
        case 9 -> aggregate.markSpam(t, actor, now);
        case 10 -> aggregate.assign(t, actor, AGENTS.get(arg % 3), PROFILES.get(arg % 3), now);
        case 11 -> aggregate.unassign(t, actor, now);
        case 12 -> aggregate.transfer(t, actor, arg % 2 == 0 ? TECH : BILLING, "routing", now);
        case 13 -> aggregate.escalate(t, actor, Tier.of(1 + arg % 3), "tier", now);
        case 14 ->
            aggregate.changePriority(
                t, actor, Priority.values()[arg % Priority.values().length], now);
        case 15 ->
            aggregate.linkIncident(
                t,
                actor,
                arg % 3 == 0 ? Optional.empty() : Optional.of(new IncidentId(new UUID(7, arg % 3))),
                now);
        case 16 ->
            aggregate.declareUnfixable(
                t, actor, arg % 2 == 0 ? Optional.of(CREDIT) : Optional.empty(), "cannot", now);
        case FEEDBACK -> aggregate.feedback(t, actor, 1 + arg % 5, arg % 11, "rated", now);
        default -> throw new AssertionError("no command " + op.command());
      };
    }

    /**
     * Evolves the ticket by an accepted decision, then lets time pass (sometimes past the window).
     */
    void step(Op op, Decision decision) {
      if (decision instanceof Decision.Accepted accepted) {
        ticket = AGGREGATE.evolve(ticket, accepted.events(), Optional.empty());
        entries++;
      }
      now =
          now.plus(
              op.pause() == 0 ? REOPEN_WINDOW.plus(Duration.ofDays(1)) : Duration.ofMinutes(7));
    }

    /** Decides and applies every op of {@code ops}. */
    void run(List<Op> ops) {
      for (Op op : ops) {
        step(op, decide(AGGREGATE, op));
      }
    }
  }

  /** What makes two decisions the same: the events, or the refusal's type and message. */
  private static Object essence(Decision d) {
    if (d instanceof Decision.Refused refused) {
      return List.of(refused.reason().getClass(), String.valueOf(refused.reason().getMessage()));
    }
    return ((Decision.Accepted) d).events();
  }

  @Test
  void staffAndSystem_neverClose_fromAnyReachableState() {
    AtomicInteger staffAccepted = new AtomicInteger();
    qt().withExamples(EXAMPLES)
        .forAll(booleans().all(), sequences(EVERYONE, 0, 15), sequences(STAFF, 1, 30))
        .checkAssert(
            (known, setup, staffOnly) -> {
              Run run = new Run(known, EVERYONE);
              run.run(setup);
              Run staff = new Run(known, STAFF);
              staff.ticket = run.ticket;
              staff.now = run.now;
              staff.entries = run.entries;
              for (Op op : staffOnly) {
                TicketStatus before = staff.ticket.status();
                Decision d = staff.decide(AGGREGATE, op);
                if (d instanceof Decision.Accepted accepted) {
                  staffAccepted.incrementAndGet();
                  assertThat(accepted.events()).noneMatch(TicketClosed.class::isInstance);
                }
                staff.step(op, d);
                if (before != TicketStatus.CLOSED) {
                  assertThat(staff.ticket.status())
                      .as("after %s", op)
                      .isNotEqualTo(TicketStatus.CLOSED);
                }
              }
            });
    assertThat(staffAccepted.get()).as("staff decisions accepted").isGreaterThan(EXAMPLES);
  }

  @Test
  void everyDecision_isConsecutiveEventsOrARefusal_neverAThrow() {
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    qt().withExamples(EXAMPLES)
        .forAll(booleans().all(), sequences(EVERYONE, 1, 40))
        .checkAssert(
            (known, ops) -> {
              Run run = new Run(known, EVERYONE);
              for (Op op : ops) {
                Ticket before = run.ticket;
                Decision d = run.decide(AGGREGATE, op);
                if (d instanceof Decision.Accepted a) {
                  accepted.incrementAndGet();
                  List<HelpdeskEvent> events = a.events();
                  for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).version()).isEqualTo(before.version() + 1 + i);
                    assertThat(events.get(i).ticket()).isEqualTo(before.id());
                    assertThat(events.get(i).actor()).isEqualTo(run.actor(op));
                    assertThat(events.get(i).at()).isEqualTo(run.now);
                  }
                } else {
                  refused.incrementAndGet();
                  assertThat(((Decision.Refused) d).reason())
                      .as("refusal of %s", op)
                      .isInstanceOfAny(
                          HelpdeskException.class,
                          IllegalArgumentException.class,
                          IllegalStateException.class);
                }
                run.step(op, d);
                assertThat(run.ticket.version()).isGreaterThanOrEqualTo(before.version());
              }
            });
    assertThat(accepted.get()).isGreaterThan(EXAMPLES);
    assertThat(refused.get()).isGreaterThan(EXAMPLES);
  }

  @Test
  void deciding_dependsOnItsInputsOnly() {
    TicketAggregate another =
        new TicketAggregate(
            new SlaEngine(SlaPolicies.defaults(SupportHours.always())), REOPEN_WINDOW);
    qt().withExamples(EXAMPLES)
        .forAll(booleans().all(), sequences(EVERYONE, 1, 30))
        .checkAssert(
            (known, ops) -> {
              Run run = new Run(known, EVERYONE);
              for (Op op : ops) {
                Decision first = run.decide(AGGREGATE, op);
                Decision again = run.decide(AGGREGATE, op);
                Decision elsewhere = run.decide(another, op);
                assertThat(essence(again)).as("%s decided again", op).isEqualTo(essence(first));
                assertThat(essence(elsewhere))
                    .as("%s decided by another aggregate", op)
                    .isEqualTo(essence(first));
                run.step(op, first);
              }
            });
  }

  @Test
  void feedback_isAcceptedAtMostOncePerClosure() {
    AtomicInteger ratedAgainAfterReclosing = new AtomicInteger();
    qt().withExamples(EXAMPLES)
        .forAll(sequences(MOSTLY_ALICE, 1, 40))
        .checkAssert(
            ops -> {
              Run run = new Run(true, MOSTLY_ALICE);
              int sinceClosed = 0;
              int closuresRated = 0;
              for (Op op : ops) {
                Decision d = run.decide(AGGREGATE, op);
                if (d instanceof Decision.Accepted a) {
                  for (HelpdeskEvent e : a.events()) {
                    if (e instanceof TicketClosed) {
                      sinceClosed = 0;
                    } else if (e instanceof FeedbackReceived) {
                      sinceClosed++;
                      closuresRated++;
                      assertThat(sinceClosed).as("feedback since the last closure").isEqualTo(1);
                      assertThat(e.actor()).isEqualTo(ALICE);
                      assertThat(run.ticket.status()).isEqualTo(TicketStatus.CLOSED);
                    }
                  }
                }
                run.step(op, d);
              }
              if (closuresRated > 1) {
                ratedAgainAfterReclosing.incrementAndGet();
              }
            });
    assertThat(ratedAgainAfterReclosing.get())
        .as("sequences rating two closures of one ticket")
        .isPositive();
  }
}
