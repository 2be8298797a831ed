package dev.helpdesk.sla;

import static dev.helpdesk.sla.TicketRun.BILLING;
import static dev.helpdesk.sla.TicketRun.TECH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.internal.SlaEngine;
import dev.helpdesk.sla.Calendars.Calendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SlaEngineProperties {
  private static final int EXAMPLES = 1_000;

  enum Kind {
    AGENT_REPLY,
    AGENT_REPLY_AND_WAIT,
    CUSTOMER_MESSAGE,
    NOTE,
    WAITING,
    ON_HOLD,
    OPEN,
    PROPOSE,
    PRIORITY,
    TRANSFER,
    CLOSE,
    REOPEN,
    CHECK
  }

  /** One step of a ticket's life, {@code minutes} after the previous one. */
  record Op(Kind kind, int minutes) {}

  /** A calendar, an opening instant and the steps that follow. */
  record Story(Calendar calendar, Instant opened, Priority priority, List<Op> ops) {}

  private static Gen<Story> stories() {
    return in -> {
      Calendar calendar = Calendars.calendars().generate(in);
      int count = Generate.range(0, 25).generate(in);
      List<Op> ops = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ops.add(
            new Op(
                Generate.enumValues(Kind.class).generate(in),
                Generate.range(0, 3 * 24 * 60).generate(in)));
      }
      return new Story(
          calendar,
          Calendars.instants().generate(in),
          Generate.enumValues(Priority.class).generate(in),
          ops);
    };
  }

  private static SlaEngine engine(SupportHours hours) {
    List<SlaPolicy> policies = new ArrayList<>();
    policies.add(
        new SlaPolicy(
            "billing",
            Optional.of(BILLING),
            Optional.empty(),
            Optional.empty(),
            SlaTargets.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(2)),
            0.5,
            true,
            hours));
    policies.addAll(SlaPolicies.defaults(hours).all());
    return new SlaEngine(SlaPolicies.of(policies));
  }

  /** Plays a story; after each step {@code afterStep} sees the run and the step's instant. */
  private static Instant play(Story story, TicketRun run, StepCheck afterStep) {
    Instant now = story.opened();
    run.open(now);
    afterStep.check(run, now);
    for (Op op : story.ops()) {
      now = now.plus(Duration.ofMinutes(op.minutes()));
      boolean closed = run.ticket().status() == TicketStatus.CLOSED;
      switch (op.kind()) {
        case AGENT_REPLY -> run.agentReplies(now, TicketStatus.OPEN);
        case AGENT_REPLY_AND_WAIT -> run.agentReplies(now, TicketStatus.WAITING_ON_CUSTOMER);
        case CUSTOMER_MESSAGE -> run.customerWrites(now);
        case NOTE -> run.agentNote(now);
        case WAITING -> run.status(now, TicketStatus.WAITING_ON_CUSTOMER);
        case ON_HOLD -> run.status(now, TicketStatus.ON_HOLD);
        case OPEN -> run.status(now, TicketStatus.OPEN);
        case PROPOSE -> run.proposeResolution(now);
        case PRIORITY -> run.priority(now, Priority.values()[op.minutes() % 4]);
        case TRANSFER -> run.transfer(now, run.ticket().department().equals(TECH) ? BILLING : TECH);
        case CLOSE -> run.close(now);
        case REOPEN -> {
          if (closed) {
            run.reopen(now);
          } else {
            run.customerWrites(now);
          }
        }
        case CHECK -> run.check(now);
      }
      afterStep.check(run, now);
    }
    return now;
  }

  interface StepCheck {
    void check(TicketRun run, Instant now);
  }

  private static TicketRun run(Story story) {
    return new TicketRun(
        engine(story.calendar().hours()), Optional.empty(), story.priority(), TECH);
  }

  @Test
  void onEvent_pauseAndResume_neverMovesADeadlineEarlier() {
    qt().withExamples(EXAMPLES)
        .forAll(stories(), Generate.range(0, 5 * 24 * 60), Generate.range(0, 5 * 24 * 60))
        .checkAssert(
            (story, beforePause, pauseMinutes) -> {
              TicketRun run = run(story);
              Instant now = play(story, run, (r, at) -> {});
              run.status(now, TicketStatus.OPEN);
              Map<String, Instant> before = deadlines(run.state());
              Instant pausedAt = now.plus(Duration.ofMinutes(beforePause));
              run.status(pausedAt, TicketStatus.WAITING_ON_CUSTOMER);
              run.status(pausedAt.plus(Duration.ofMinutes(pauseMinutes)), TicketStatus.OPEN);
              Map<String, Instant> after = deadlines(run.state());
              before.forEach(
                  (clock, deadline) ->
                      assertThat(after.get(clock))
                          .as(clock)
                          .isNotNull()
                          .isAfterOrEqualTo(deadline));
            });
  }

  @Test
  void onEvent_priorityOrDepartmentChange_keepsElapsedTimeAndOnlyMovesTargets() {
    qt().withExamples(EXAMPLES)
        .forAll(stories(), Generate.enumValues(Priority.class), Generate.booleans())
        .checkAssert(
            (story, priority, transfer) -> {
              TicketRun run = run(story);
              Instant now = play(story, run, (r, at) -> {});
              SlaEngine engine = engine(story.calendar().hours());
              Map<String, Duration> elapsedBefore = elapsed(engine, run.state(), now);
              if (transfer) {
                run.transfer(now, run.ticket().department().equals(TECH) ? BILLING : TECH);
              } else {
                run.priority(now, priority);
              }
              assertThat(elapsed(engine, run.state(), now)).isEqualTo(elapsedBefore);
              for (ClockExplanation clock : engine.explain(run.state(), now)) {
                if (clock.status() != ClockStatus.RUNNING || clock.promised().isEmpty()) {
                  continue;
                }
                Duration remaining = clock.remaining().orElseThrow();
                Instant deadline = clock.deadline().orElseThrow();
                if (remaining.isNegative() || remaining.isZero()) {
                  assertThat(deadline).isBeforeOrEqualTo(now);
                } else {
                  assertThat(story.calendar().hours().businessTimeBetween(now, deadline))
                      .isEqualTo(remaining);
                }
              }
            });
  }

  @Test
  void due_onceHandled_neverReappearsAndNextCheckIsExact() {
    qt().withExamples(EXAMPLES)
        .forAll(stories())
        .checkAssert(
            story -> {
              TicketRun run = run(story);
              Set<String> seen = new HashSet<>();
              SlaEngine engine = engine(story.calendar().hours());
              StepCheck onceOnly =
                  (r, now) -> {
                    SlaState state = r.state();
                    state
                        .nextCheck()
                        .ifPresentOrElse(
                            check -> {
                              assertThat(engine.due(state, check.minusNanos(1))).isEmpty();
                              assertThat(engine.due(state, check)).isNotEmpty();
                            },
                            () -> assertThat(engine.due(state, Instant.MAX)).isEmpty());
                    for (SlaDue due : r.check(now)) {
                      assertThat(due.dueAt()).isBeforeOrEqualTo(now);
                      assertThat(seen.add(SlaEngine.onceKey(TicketRun.ID, due)))
                          .as("%s due twice", due)
                          .isTrue();
                    }
                  };
              Instant end = play(story, run, onceOnly);
              onceOnly.check(run, end.plus(Duration.ofDays(3650)));
            });
  }

  private static Map<String, Instant> deadlines(SlaState state) {
    Map<String, Instant> deadlines = new HashMap<>();
    for (SlaClock clock : state.clocks()) {
      clock.deadline().ifPresent(d -> deadlines.put(clock.target() + "#" + clock.cycle(), d));
    }
    return deadlines;
  }

  private static Map<String, Duration> elapsed(SlaEngine engine, SlaState state, Instant now) {
    Map<String, Duration> elapsed = new HashMap<>();
    for (ClockExplanation clock : engine.explain(state, now)) {
      elapsed.put(clock.target() + "#" + clock.cycle(), clock.elapsed());
    }
    return elapsed;
  }
}
