package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ALICE;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.TECH;
import static dev.helpdesk.DeskFixture.TINA;
import static dev.helpdesk.DeskFixture.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.IllegalTransitionException;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.TicketEscalated;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.event.ServiceLevelEvent.SlaWarningReached;
import dev.helpdesk.sla.BreachAction;
import dev.helpdesk.sla.ClockExplanation;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.sla.TimeRange;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.ticket.Ticket;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HelpdeskSlaTest {
  private static final CompensationPolicy CREDITS =
      CompensationPolicy.of(
          Map.of(
              SlaTarget.FIRST_RESPONSE,
              new CompensationPolicy.Rule(
                  new CompensationPolicy.Fixed(500, Currency.getInstance("EUR")),
                  "first response missed")),
          Optional.of(
              new CompensationPolicy.Rule(
                  new CompensationPolicy.PercentOfMonthlyPrice(new BigDecimal("100")),
                  "cannot be fixed")));

  private final DeskFixture f =
      new DeskFixture(
          Helpdesk.builder()
              .compensation(CREDITS)
              .onBreach(
                  SlaTarget.FIRST_RESPONSE, BreachAction.RAISE_TIER, BreachAction.NOTIFY_LEAD));
  private final Helpdesk desk = f.desk;

  {
    f.directory.department(new Department(TECH, "Technical support", Optional.of(TOM.id())));
  }

  private TicketRef urgentByAlice() {
    return desk.open(
        OpenTicket.byCustomer(ALICE.id(), TECH, "Shop down", "All pages 500")
            .withPriority(Priority.URGENT));
  }

  private List<HelpdeskEvent> events(TicketRef ref) {
    return f.store.events(f.ticket(ref).id());
  }

  @Test
  void open_urgent_hasAFifteenMinuteFirstResponseDeadline_byDefault() {
    TicketRef ref = urgentByAlice();
    assertThat(f.ticket(ref).sla().nextDeadline())
        .contains(f.clock.instant().plus(Duration.ofMinutes(15)));
  }

  @Test
  void open_normal_firstResponseWithinFourHours_neverAboveTwentyFour() {
    TicketRef normal = f.openByAlice("How do I add a DNS record?");
    assertThat(f.ticket(normal).sla().nextDeadline())
        .contains(f.clock.instant().plus(Duration.ofHours(4)));
    TicketRef low =
        desk.open(
            OpenTicket.byCustomer(ALICE.id(), TECH, "Question", "When convenient")
                .withPriority(Priority.LOW));
    assertThat(f.ticket(low).sla().nextDeadline())
        .contains(f.clock.instant().plus(Duration.ofHours(24)));
  }

  @Test
  void queue_ordersByNextDeadline_thenArrival() {
    TicketRef normal = f.openByAlice("normal");
    f.clock.advance(Duration.ofMinutes(1));
    TicketRef urgent = urgentByAlice();
    f.clock.advance(Duration.ofMinutes(1));
    TicketRef high =
        desk.open(OpenTicket.byCustomer(ALICE.id(), TECH, "high", "x").withPriority(Priority.HIGH));
    assertThat(desk.queue(TINA, TECH, Optional.empty(), 10))
        .extracting(Ticket::reference)
        .containsExactly(urgent, high, normal);
  }

  @Test
  void runDueSlaChecks_warnsOnce_thenBreachesOnce_escalates_andCreditsOnce() {
    TicketRef ref = urgentByAlice();
    assertThat(desk.runDueSlaChecks().warnings()).isZero();

    f.clock.advance(Duration.ofMinutes(12));
    assertThat(desk.runDueSlaChecks()).isEqualTo(new SlaCheckResult(1, 1, 0));
    assertThat(desk.runDueSlaChecks().warnings()).isZero();

    f.clock.advance(Duration.ofMinutes(4));
    assertThat(desk.runDueSlaChecks().breaches()).isEqualTo(1);
    assertThat(desk.runDueSlaChecks().breaches()).isZero();

    assertThat(events(ref)).filteredOn(SlaWarningReached.class::isInstance).hasSize(1);
    assertThat(events(ref))
        .filteredOn(SlaBreached.class::isInstance)
        .singleElement()
        .extracting(e -> ((SlaBreached) e).target())
        .isEqualTo(SlaTarget.FIRST_RESPONSE);
    assertThat(f.ticket(ref).tier()).isEqualTo(Tier.of(2));
    assertThat(events(ref)).filteredOn(TicketEscalated.class::isInstance).hasSize(1);

    desk.deliverOutbox();
    desk.deliverOutbox();
    assertThat(f.listener.durable())
        .singleElement()
        .satisfies(
            d -> {
              CompensationOwed owed = (CompensationOwed) d.event();
              assertThat(owed.amountMinor()).isEqualTo(500);
              assertThat(owed.customer()).isEqualTo(ALICE.id());
              assertThat(d.key()).isEqualTo(owed.idempotencyKey());
            });
    assertThat(f.notifier.sent(Notification.Kind.STAFF_ALERT))
        .extracting(Notification::recipientEmail)
        .contains("tom@staff.example");
  }

  @Test
  void twoBreachesInOneCheck_areOneCommit_andTheSecondEscalationStartsWhereTheFirstEnded() {
    DeskFixture g =
        new DeskFixture(
            Helpdesk.builder()
                .onBreach(SlaTarget.FIRST_RESPONSE, BreachAction.RAISE_TIER)
                .onBreach(SlaTarget.RESOLUTION, BreachAction.RAISE_TIER));
    TicketRef ref =
        g.desk.open(
            OpenTicket.byCustomer(ALICE.id(), TECH, "Down", "x").withPriority(Priority.URGENT));
    g.clock.advance(Duration.ofHours(5));
    assertThat(g.desk.runDueSlaChecks().breaches()).isEqualTo(2);
    List<TicketEscalated> escalations =
        g.store.events(g.ticket(ref).id()).stream()
            .filter(TicketEscalated.class::isInstance)
            .map(TicketEscalated.class::cast)
            .toList();
    assertThat(escalations).extracting(TicketEscalated::from).containsExactly(Tier.L1, Tier.of(2));
    assertThat(g.ticket(ref).tier()).isEqualTo(Tier.of(3));
    assertThat(g.desk.replay(ref, Actor.system("audit"))).isEqualTo(g.ticket(ref));
  }

  @Test
  void staffReplyInTime_meetsFirstResponse_andWaitingPausesTheClocks() {
    TicketRef ref = urgentByAlice();
    f.clock.advance(Duration.ofMinutes(5));
    desk.reply(ref, TINA, "Looking now; can you send the error log?");
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
    f.clock.advance(Duration.ofDays(3));
    SlaCheckResult result = desk.runDueSlaChecks();
    assertThat(result.breaches()).isZero();
    assertThat(events(ref)).noneMatch(SlaBreached.class::isInstance);
  }

  @Test
  void changePriority_movesTheDeadline_keepingElapsedTime() {
    TicketRef ref = f.openByAlice("slow site");
    Instant opened = f.clock.instant();
    f.clock.advance(Duration.ofMinutes(10));
    desk.changePriority(ref, TINA, Priority.URGENT);
    assertThat(f.ticket(ref).sla().nextDeadline()).contains(opened.plus(Duration.ofMinutes(15)));
    desk.changePriority(ref, TINA, Priority.LOW);
    assertThat(f.ticket(ref).sla().nextDeadline()).contains(opened.plus(Duration.ofHours(24)));
  }

  @Test
  void businessHours_fridayEveningTicket_isDueMondayMorning() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      week.put(d, List.of(TimeRange.of(LocalTime.of(9, 0), LocalTime.of(17, 0))));
    }
    DeskFixture g =
        new DeskFixture(
            Helpdesk.builder().supportHours(SupportHours.businessHours(berlin, week, Set.of())));
    g.clock.set(ZonedDateTime.of(2026, 11, 27, 18, 30, 0, 0, berlin).toInstant()); // a Friday
    TicketRef ref = g.openByAlice("Mail down");
    assertThat(g.ticket(ref).sla().nextDeadline())
        .contains(ZonedDateTime.of(2026, 11, 30, 13, 0, 0, 0, berlin).toInstant());
    List<ClockExplanation> clocks = g.desk.explainSla(ref, TINA);
    assertThat(clocks)
        .extracting(ClockExplanation::target)
        .contains(SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION);
    assertThatThrownBy(() -> g.desk.explainSla(ref, ALICE))
        .isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void declareUnfixable_owesTheCreditOnce_andLeavesClosingToTheCustomer() {
    TicketRef ref =
        desk.open(OpenTicket.byCustomer(BOB.id(), TECH, "Legacy PHP 5 app", "Needs PHP 5.2"));
    desk.declareUnfixable(ref, TINA, "PHP 5.2 cannot run on our platform");
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
    assertThatThrownBy(() -> desk.declareUnfixable(ref, TINA, "again"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already");
    assertThatThrownBy(() -> desk.declareUnfixable(ref, BOB, "me too"))
        .isInstanceOf(ActionNotPermittedException.class);
    desk.deliverOutbox();
    assertThat(f.listener.durable())
        .singleElement()
        .extracting(d -> ((CompensationOwed) d.event()).amountMinor())
        .isEqualTo(20_000L);
  }

  @Test
  void feedback_onlyByTheCustomer_onlyWhenClosed_oncePerClosure() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.feedback(ref, ALICE, 5, 10, "great"))
        .isInstanceOf(IllegalTransitionException.class);
    desk.close(ref, ALICE);
    assertThatThrownBy(() -> desk.feedback(ref, TINA, 5, 10, "we are great"))
        .isInstanceOf(ActionNotPermittedException.class);
    assertThatThrownBy(() -> desk.feedback(ref, ALICE, 6, 10, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rating");
    desk.feedback(ref, ALICE, 4, 9, "quick");
    assertThatThrownBy(() -> desk.feedback(ref, ALICE, 1, 0, "changed my mind"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(events(ref)).filteredOn(FeedbackReceived.class::isInstance).hasSize(1);

    f.clock.advance(Duration.ofDays(1));
    desk.reply(ref, ALICE, "broken again");
    desk.close(ref, ALICE);
    desk.feedback(ref, ALICE, 2, 3, "second time");
    assertThat(events(ref)).filteredOn(FeedbackReceived.class::isInstance).hasSize(2);
  }

  @Test
  void report_countsThePeriodsTickets_andAnAgentSeesOnlyTheirDepartments() {
    Instant from = f.clock.instant();
    TicketRef tech = f.openByAlice("Down");
    TicketRef billing =
        desk.open(OpenTicket.byCustomer(BOB.id(), DeskFixture.BILLING, "Invoice", "Wrong amount"));
    f.clock.advance(Duration.ofMinutes(30));
    desk.reply(tech, TINA, "Fixed the vhost.");
    desk.assign(tech, TINA, TINA.id());
    desk.close(tech, ALICE);
    desk.feedback(tech, ALICE, 5, 10, "fast");
    f.clock.advance(Duration.ofMinutes(30));
    Instant to = f.clock.instant();

    dev.helpdesk.metrics.SupportReport all = desk.report(Actor.system("reports"), from, to);
    assertThat(all.overall().tickets()).isEqualTo(2);
    assertThat(all.overall().resolutionRate()).hasValue(0.5);
    assertThat(all.overall().nps()).hasValue(100.0);
    assertThat(all.overall().firstResponseWall().median()).contains(Duration.ofMinutes(30));
    assertThat(all.byDepartment()).containsOnlyKeys(TECH, DeskFixture.BILLING);
    assertThat(all.byAgent()).containsKey(TINA.id());

    dev.helpdesk.metrics.SupportReport tinas = desk.report(TINA, from, to);
    assertThat(tinas.overall().tickets()).isEqualTo(1);
    assertThat(tinas.byDepartment()).containsOnlyKeys(TECH);
    assertThatThrownBy(() -> desk.report(ALICE, from, to))
        .isInstanceOf(ActionNotPermittedException.class);
    assertThat(f.ticket(billing).status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void scheduler_runsChecksUntilClosed() throws Exception {
    TicketRef ref = urgentByAlice();
    f.clock.advance(Duration.ofMinutes(30));
    try (AutoCloseable scheduler = desk.startScheduler(Duration.ofMillis(20))) {
      SlaBreached breach = f.listener.await(SlaBreached.class, Duration.ofSeconds(30));
      assertThat(breach.ticket()).isEqualTo(f.ticket(ref).id());
    }
    assertThat(events(ref)).filteredOn(SlaBreached.class::isInstance).hasSize(1);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("the scheduler's thread has ended when close() returns")
        .noneMatch(t -> t.getName().equals("helpdesk-scheduler") && t.isAlive());
  }
}
