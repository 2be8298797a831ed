package dev.helpdesk.sla;

import static dev.helpdesk.sla.TicketRun.BILLING;
import static dev.helpdesk.sla.TicketRun.TECH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.internal.SlaEngine;
import dev.helpdesk.internal.SlaSignals;
import dev.helpdesk.sla.SlaDue.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaEngineTest {
  private static final Instant T = Instant.parse("2026-11-18T10:00:00Z");
  private static final SlaEngine ENGINE =
      new SlaEngine(SlaPolicies.defaults(SupportHours.always()));

  private static Instant t(Duration after) {
    return T.plus(after);
  }

  private static Duration minutes(long m) {
    return Duration.ofMinutes(m);
  }

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  private static TicketRun normal() {
    return new TicketRun(ENGINE, Optional.empty(), Priority.NORMAL, TECH).open(T);
  }

  private static Optional<Instant> deadline(TicketRun run, SlaTarget target) {
    return run.state().latest(target).flatMap(SlaClock::deadline);
  }

  @Test
  void onEvent_normalTicketOpened_firstResponseDueInFourHours() {
    SlaState state = normal().state();
    assertThat(state.policy()).contains("default-normal");
    assertThat(state.nextDeadline()).contains(t(hours(4)));
    assertThat(state.nextCheck()).contains(t(hours(3)));
    assertThat(state.clock(SlaTarget.RESOLUTION, 1).flatMap(SlaClock::deadline))
        .contains(t(Duration.ofDays(3)));
  }

  @Test
  void due_warningThenBreach_eachOnceAndWithStableKeys() {
    TicketRun run = normal();
    assertThat(run.check(t(minutes(179)))).isEmpty();
    List<SlaDue> warning = run.check(t(hours(3)));
    assertThat(warning)
        .containsExactly(
            new SlaDue(SlaTarget.FIRST_RESPONSE, 1, Kind.WARNING, t(hours(3)), t(hours(4))));
    assertThat(SlaEngine.onceKey(TicketRun.ID, warning.get(0)))
        .isEqualTo("sla:" + TicketRun.ID + ":FIRST_RESPONSE:1:WARNING");
    assertThat(run.state().nextCheck()).contains(t(hours(4)));
    assertThat(run.check(t(minutes(200)))).isEmpty();
    assertThat(run.check(t(hours(5))))
        .extracting(SlaDue::kind, SlaDue::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.BREACH, SlaTarget.FIRST_RESPONSE));
    assertThat(run.check(t(hours(6)))).isEmpty();
    assertThat(run.state().nextCheck()).contains(t(Duration.ofDays(3)).minus(hours(18)));
  }

  @Test
  void due_checkerLateAfterDeadline_onlyTheBreachAndWarningNeverFollows() {
    TicketRun run = normal();
    assertThat(run.check(t(hours(5)))).extracting(SlaDue::kind).containsExactly(Kind.BREACH);
    assertThat(run.state().clock(SlaTarget.FIRST_RESPONSE, 1).orElseThrow().handled())
        .containsExactly(Kind.BREACH);
    assertThat(run.check(t(hours(5)))).isEmpty();
  }

  @Test
  void onEvent_agentReplies_stopsFirstResponse() {
    TicketRun run = normal().agentReplies(t(hours(1)), TicketStatus.OPEN);
    SlaClock first = run.state().clock(SlaTarget.FIRST_RESPONSE, 1).orElseThrow();
    assertThat(first.status()).isEqualTo(ClockStatus.STOPPED);
    assertThat(first.deadline()).isEmpty();
    assertThat(run.state().nextDeadline()).contains(t(Duration.ofDays(3)));
    assertThat(run.check(t(hours(5)))).isEmpty();
  }

  @Test
  void onEvent_internalNote_doesNotStopFirstResponse() {
    TicketRun run = normal().agentNote(t(hours(1)));
    assertThat(run.state().nextDeadline()).contains(t(hours(4)));
  }

  @Test
  void onEvent_agentRepliesLate_breachStillDueOnce() {
    TicketRun run = normal().agentReplies(t(hours(5)), TicketStatus.OPEN);
    assertThat(run.state().nextCheck()).contains(t(hours(4)));
    assertThat(run.check(t(hours(5))))
        .containsExactly(
            new SlaDue(SlaTarget.FIRST_RESPONSE, 1, Kind.BREACH, t(hours(4)), t(hours(4))));
    assertThat(run.check(t(hours(6)))).isEmpty();
  }

  @Test
  void onEvent_customerMessagesAfterReply_startNumberedNextResponseCycles() {
    TicketRun run =
        normal()
            .agentReplies(t(hours(1)), TicketStatus.OPEN)
            .customerWrites(t(hours(2)))
            .customerWrites(t(hours(3)));
    SlaClock cycle1 = run.state().latest(SlaTarget.NEXT_RESPONSE).orElseThrow();
    assertThat(cycle1.cycle()).isEqualTo(1);
    assertThat(cycle1.deadline()).contains(t(hours(10)));
    run.agentReplies(t(hours(4)), TicketStatus.OPEN).mailIntakeWrites(t(hours(5)));
    SlaClock cycle2 = run.state().latest(SlaTarget.NEXT_RESPONSE).orElseThrow();
    assertThat(cycle2.cycle()).isEqualTo(2);
    assertThat(cycle2.deadline()).contains(t(hours(13)));
    assertThat(run.state().clock(SlaTarget.NEXT_RESPONSE, 1))
        .as("finished cycle dropped")
        .isEmpty();
  }

  @Test
  void onEvent_customerMessageBeforeFirstResponse_startsNoNextResponse() {
    TicketRun run = normal().customerWrites(t(hours(1)));
    assertThat(run.state().latest(SlaTarget.NEXT_RESPONSE)).isEmpty();
  }

  @Test
  void onEvent_waitingOnCustomer_pausesAndResumingPushesDeadline() {
    TicketRun run = normal().status(t(hours(1)), TicketStatus.WAITING_ON_CUSTOMER);
    assertThat(run.state().nextDeadline()).isEmpty();
    assertThat(run.state().nextCheck()).isEmpty();
    run.customerWrites(t(hours(3)));
    assertThat(deadline(run, SlaTarget.FIRST_RESPONSE)).contains(t(hours(6)));
    assertThat(deadline(run, SlaTarget.RESOLUTION)).contains(t(Duration.ofDays(3).plus(hours(2))));
  }

  @Test
  void onEvent_resolutionProposed_pausesResolutionUntilReopened() {
    TicketRun run = normal().proposeResolution(t(hours(1)));
    SlaClock resolution = run.state().latest(SlaTarget.RESOLUTION).orElseThrow();
    assertThat(resolution.status()).isEqualTo(ClockStatus.PAUSED);
    assertThat(run.state().latest(SlaTarget.FIRST_RESPONSE).orElseThrow().status())
        .isEqualTo(ClockStatus.STOPPED);
    run.reopen(t(hours(11)));
    assertThat(deadline(run, SlaTarget.RESOLUTION)).contains(t(Duration.ofDays(3).plus(hours(10))));
  }

  @Test
  void onEvent_onHold_pausesOnlyWhenThePolicySaysSo() {
    SlaPolicy holdPauses =
        new SlaPolicy(
            "billing",
            Optional.of(BILLING),
            Optional.empty(),
            Optional.empty(),
            SlaTargets.of(hours(1), hours(2), Duration.ofDays(1)),
            0.5,
            true,
            SupportHours.always());
    SlaEngine engine =
        new SlaEngine(
            SlaPolicies.of(holdPauses, SlaPolicies.defaults(SupportHours.always()).all().get(2)));
    TicketRun tech =
        new TicketRun(engine, Optional.empty(), Priority.NORMAL, TECH)
            .open(T)
            .status(t(minutes(30)), TicketStatus.ON_HOLD);
    assertThat(tech.state().nextDeadline()).contains(t(hours(4)));
    TicketRun billing =
        new TicketRun(engine, Optional.empty(), Priority.NORMAL, BILLING)
            .open(T)
            .status(t(minutes(30)), TicketStatus.ON_HOLD);
    assertThat(billing.state().nextDeadline()).isEmpty();
    billing.status(t(hours(2)), TicketStatus.OPEN);
    assertThat(billing.state().nextDeadline()).contains(t(hours(2).plus(minutes(30))));
  }

  @Test
  void onEvent_closed_stopsEverythingAndReopenResumesResolution() {
    TicketRun run = normal().agentReplies(t(hours(1)), TicketStatus.OPEN).close(t(hours(2)));
    assertThat(run.state().clocks())
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(ClockStatus.STOPPED));
    assertThat(run.state().nextDeadline()).isEmpty();
    assertThat(run.state().nextCheck()).isEmpty();
    run.customerWrites(t(hours(12)));
    assertThat(deadline(run, SlaTarget.RESOLUTION)).contains(t(Duration.ofDays(3).plus(hours(10))));
    assertThat(run.state().latest(SlaTarget.NEXT_RESPONSE).orElseThrow().cycle()).isEqualTo(1);
  }

  @Test
  void onEvent_priorityRaised_keepsElapsedTimeAndShortensTarget() {
    TicketRun run =
        normal()
            .status(t(minutes(5)), TicketStatus.WAITING_ON_CUSTOMER)
            .customerWrites(t(hours(1)));
    run.priority(t(hours(1).plus(minutes(2))), Priority.URGENT);
    assertThat(run.state().policy()).contains("default-urgent");
    // 5 min before the pause, 2 min after it: 8 of 15 minutes remain
    assertThat(deadline(run, SlaTarget.FIRST_RESPONSE)).contains(t(hours(1).plus(minutes(10))));
    run.priority(t(hours(2)), Priority.LOW);
    assertThat(deadline(run, SlaTarget.FIRST_RESPONSE)).contains(t(hours(24).plus(minutes(55))));
  }

  @Test
  void onEvent_priorityRaisedPastTheTarget_breachIsDueAtTheEarlierInstant() {
    TicketRun run = normal();
    run.priority(t(hours(1)), Priority.URGENT);
    assertThat(run.check(t(hours(1))))
        .contains(
            new SlaDue(SlaTarget.FIRST_RESPONSE, 1, Kind.BREACH, t(minutes(15)), t(minutes(15))));
  }

  @Test
  void onEvent_handledBreachThenPriorityChange_neverBreachesAgain() {
    TicketRun run = normal();
    assertThat(run.check(t(hours(5)))).isNotEmpty();
    run.priority(t(hours(5)), Priority.LOW);
    assertThat(run.check(t(hours(30))))
        .extracting(SlaDue::target)
        .doesNotContain(SlaTarget.FIRST_RESPONSE);
  }

  @Test
  void onEvent_planSpecificPolicy_appliesFromTheNextEvent() {
    SlaPolicy premium =
        new SlaPolicy(
            "premium",
            Optional.empty(),
            Optional.empty(),
            Optional.of(PlanId.of("premium")),
            SlaTargets.of(minutes(30), hours(1), hours(8)),
            0.75,
            false,
            SupportHours.always());
    List<SlaPolicy> all =
        new java.util.ArrayList<>(SlaPolicies.defaults(SupportHours.always()).all());
    all.add(premium);
    TicketRun run =
        new TicketRun(new SlaEngine(SlaPolicies.of(all)), Optional.empty(), Priority.NORMAL, TECH)
            .open(T);
    assertThat(run.state().nextDeadline()).contains(t(hours(4)));
    run.plan(Optional.of(PlanId.of("premium"))).agentNote(t(minutes(10)));
    assertThat(run.state().policy()).contains("premium");
    assertThat(run.state().nextDeadline()).contains(t(minutes(30)));
  }

  @Test
  void onEvent_fridayEveningOnBusinessHours_firstResponseDueMonday() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    SupportHours office =
        SupportHours.businessHours(
            berlin, SupportHoursTest.weekdays(SupportHoursTest.range("09:00", "17:00")), Set.of());
    SlaEngine engine = new SlaEngine(SlaPolicies.defaults(office));
    Instant fridayEvening = LocalDateTime.parse("2026-11-20T19:00").atZone(berlin).toInstant();
    TicketRun run =
        new TicketRun(engine, Optional.empty(), Priority.HIGH, TECH).open(fridayEvening);
    assertThat(run.state().nextDeadline())
        .contains(LocalDateTime.parse("2026-11-23T10:00").atZone(berlin).toInstant());
    assertThat(run.state().nextCheck())
        .contains(LocalDateTime.parse("2026-11-23T09:45").atZone(berlin).toInstant());
  }

  @Test
  void explain_pausedTicket_showsElapsedAndPausedIntervals() {
    TicketRun run =
        normal()
            .status(t(hours(1)), TicketStatus.WAITING_ON_CUSTOMER)
            .customerWrites(t(hours(3)))
            .status(t(hours(4)), TicketStatus.WAITING_ON_CUSTOMER);
    ClockExplanation first =
        ENGINE.explain(run.state(), t(hours(5))).stream()
            .filter(e -> e.target() == SlaTarget.FIRST_RESPONSE)
            .findFirst()
            .orElseThrow();
    assertThat(first.elapsed()).isEqualTo(hours(2));
    assertThat(first.remaining()).contains(hours(2));
    assertThat(first.status()).isEqualTo(ClockStatus.PAUSED);
    assertThat(first.paused())
        .containsExactly(
            new ClockExplanation.PausedInterval(t(hours(1)), Optional.of(t(hours(3)))),
            new ClockExplanation.PausedInterval(t(hours(4)), Optional.empty()));
    assertThat(first.policy()).contains("default-normal");
  }

  @Test
  void handled_unknownCycle_leavesStateUnchanged() {
    SlaState state = normal().state();
    SlaDue gone = new SlaDue(SlaTarget.NEXT_RESPONSE, 7, Kind.BREACH, T, T);
    assertThat(ENGINE.handled(state, gone)).isEqualTo(state);
  }

  @Test
  void onEvent_eventOfAnotherTicket_isRejected() {
    TicketRun run = normal();
    HelpdeskEvent other =
        new HelpdeskEvent.StatusChanged(
            new dev.helpdesk.domain.TicketId(java.util.UUID.randomUUID()),
            2,
            TicketRun.AGENT,
            T,
            TicketStatus.OPEN,
            TicketStatus.ON_HOLD);
    assertThatThrownBy(
            () -> ENGINE.onEvent(run.state(), SlaSignals.of(run.ticket(), other), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TicketRun.ID.toString());
  }

  @Test
  void slaState_inconsistentNextCheck_isRejected() {
    SlaState state = normal().state();
    assertThatThrownBy(
            () ->
                new SlaState(state.nextDeadline(), Optional.of(T), state.policy(), state.clocks()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disagree");
  }

  @Test
  void onEvent_targetBeyondWhatTheCalendarCanReach_hasNoDeadlineInsteadOfFailing() {
    // Open one minute a week: a five-day resolution target needs 138 years, past the horizon.
    SupportHours sparse =
        SupportHours.businessHours(
            ZoneId.of("UTC"),
            java.util.Map.of(
                java.time.DayOfWeek.MONDAY,
                List.of(TimeRange.of(java.time.LocalTime.NOON, java.time.LocalTime.of(12, 1)))),
            Set.of());
    SlaEngine engine = new SlaEngine(SlaPolicies.defaults(sparse));
    TicketRun run = new TicketRun(engine, Optional.empty(), Priority.LOW, TECH).open(T);
    assertThat(deadline(run, SlaTarget.RESOLUTION)).isEmpty();
    assertThat(deadline(run, SlaTarget.FIRST_RESPONSE)).isPresent();
    assertThat(run.check(T.plus(Duration.ofDays(365 * 30)))).isNotEmpty();
  }
}
