package dev.helpdesk.internal;

import static dev.helpdesk.internal.HistoryBuilder.OFFICE_HOURS;
import static dev.helpdesk.internal.HistoryBuilder.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.Figures;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SupportMetricsTest {
  private static final Instant FROM = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2024-04-01T00:00:00Z");

  /** Monday 2024-03-04, 9:00 UTC: office hours have just begun. */
  private static final Instant T0 = Instant.parse("2024-03-04T09:00:00Z");

  private static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static Figures overall(SupportHours hours, HistoryBuilder... builders) {
    return report(hours, builders).overall();
  }

  private static SupportReport report(SupportHours hours, HistoryBuilder... builders) {
    List<TicketHistory> histories = new ArrayList<>();
    for (HistoryBuilder b : builders) {
      histories.add(b.build());
    }
    return SupportMetrics.report(FROM, TO, histories, hours);
  }

  private static Optional<Duration> minutes(long m) {
    return Optional.of(Duration.ofMinutes(m));
  }

  @Test
  void firstResponse_agentPublicReplyOrProposal_measuredOnWallAndBusinessClock() {
    Instant friday = Instant.parse("2024-03-08T16:00:00Z");
    HistoryBuilder overWeekend =
        opened("tech", friday)
            .agentNote("a1", friday.plusSeconds(1800))
            .customerWrites(Instant.parse("2024-03-09T10:00:00Z"))
            .agentReplies("a1", Instant.parse("2024-03-11T10:00:00Z"));
    HistoryBuilder proposed = opened("tech", T0).proposes("a2", at(30));

    Figures figures = overall(OFFICE_HOURS, overWeekend, proposed);

    assertThat(figures.firstResponseWall())
        .isEqualTo(new DurationStats(2, minutes(30), Optional.of(Duration.ofHours(66))));
    // Friday 16-17 and Monday 9-10 are open
    assertThat(figures.firstResponseBusiness())
        .isEqualTo(new DurationStats(2, minutes(30), Optional.of(Duration.ofHours(2))));
  }

  @Test
  void firstResponse_onlyNotesAndCustomerMessages_notMeasured() {
    Figures figures =
        overall(
            SupportHours.always(),
            opened("tech", T0).agentNote("a1", at(5)).customerWrites(at(10)));

    assertThat(figures.firstResponseWall()).isEqualTo(DurationStats.NONE);
    assertThat(figures.firstResponseBusiness()).isEqualTo(DurationStats.NONE);
  }

  @Test
  void durationStats_tenAndElevenSamples_useNearestRank() {
    List<HistoryBuilder> tickets = new ArrayList<>();
    for (int m = 1; m <= 10; m++) {
      tickets.add(opened("tech", T0).agentReplies("a1", at(m)));
    }
    Collections.shuffle(tickets, new Random(7));
    Figures ten = overall(SupportHours.always(), tickets.toArray(HistoryBuilder[]::new));
    tickets.add(opened("tech", T0).agentReplies("a1", at(11)));
    Figures eleven = overall(SupportHours.always(), tickets.toArray(HistoryBuilder[]::new));

    // ranks ceil(0.5 * 10) = 5, ceil(0.9 * 10) = 9; ceil(5.5) = 6, ceil(9.9) = 10
    assertThat(ten.firstResponseWall()).isEqualTo(new DurationStats(10, minutes(5), minutes(9)));
    assertThat(eleven.firstResponseWall())
        .isEqualTo(new DurationStats(11, minutes(6), minutes(10)));
  }

  @Test
  void durationStats_sixSamples_p90RoundsTheRankUp() {
    List<HistoryBuilder> tickets = new ArrayList<>();
    for (int m = 1; m <= 6; m++) {
      tickets.add(opened("tech", T0).agentReplies("a1", at(m)));
    }

    Figures figures = overall(SupportHours.always(), tickets.toArray(HistoryBuilder[]::new));

    // rank ceil(0.9 * 6) = ceil(5.4) = 6, not the 5 that rounding would give
    assertThat(figures.firstResponseWall()).isEqualTo(new DurationStats(6, minutes(3), minutes(6)));
  }

  @Test
  void durationStats_twoSamples_medianIsTheLower() {
    Figures figures =
        overall(
            SupportHours.always(),
            opened("tech", T0).agentReplies("a1", at(3)),
            opened("tech", T0).agentReplies("a1", at(8)));

    assertThat(figures.firstResponseWall()).isEqualTo(new DurationStats(2, minutes(3), minutes(8)));
  }

  @Test
  void resolutionAndReopens_closedReopenedAndOpenTickets_countedByDefinition() {
    HistoryBuilder closedTwice =
        opened("tech", T0)
            .agentReplies("a1", at(10))
            .closes(at(60))
            .reopens(at(120))
            .agentReplies("a1", at(130))
            .closes(at(180));
    HistoryBuilder reopenedByMessage = opened("tech", T0).closes(at(30)).customerWrites(at(40));
    HistoryBuilder proposalRejected =
        opened("tech", T0).proposes("a1", at(20)).reopens(at(30)).closes(at(90));
    HistoryBuilder stillOpen = opened("tech", T0).agentReplies("a1", at(5));

    Figures figures =
        overall(OFFICE_HOURS, closedTwice, reopenedByMessage, proposalRejected, stillOpen);

    assertThat(figures.resolved()).isEqualTo(2);
    assertThat(figures.resolutionRate()).hasValue(0.5);
    // to the last closing; all within Monday's office hours, so business time equals wall time
    DurationStats expected = new DurationStats(2, minutes(90), minutes(180));
    assertThat(figures.resolutionWall()).isEqualTo(expected);
    assertThat(figures.resolutionBusiness()).isEqualTo(expected);
    // rejecting a proposal is no reopen: 2 of the 3 tickets ever closed were reopened
    assertThat(figures.closed()).isEqualTo(3);
    assertThat(figures.reopened()).isEqualTo(2);
    assertThat(figures.reopenRate().getAsDouble()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void slaCompliance_metAndBreachedCycles_countedPerTarget() {
    HistoryBuilder oneOfEach =
        opened("tech", T0)
            .underPolicy()
            .customerWrites(at(5))
            .agentReplies("a1", at(10))
            .customerWrites(at(20))
            .customerWrites(at(25))
            .agentReplies("a1", at(40))
            .customerWrites(at(50))
            .breach(SlaTarget.NEXT_RESPONSE, 2, at(80))
            .agentReplies("a1", at(90))
            .customerWrites(at(100))
            .breach(SlaTarget.RESOLUTION, 1, at(200));
    HistoryBuilder lateFirstResponse =
        opened("tech", T0)
            .underPolicy()
            .breach(SlaTarget.FIRST_RESPONSE, 1, at(60))
            .agentReplies("a1", at(70))
            .closes(at(80));
    HistoryBuilder allKept =
        opened("tech", T0).underPolicy().agentReplies("a1", at(5)).closes(at(15));
    HistoryBuilder noPolicy = opened("tech", T0).agentReplies("a1", at(10)).closes(at(20));

    Figures figures =
        overall(SupportHours.always(), oneOfEach, lateFirstResponse, allKept, noPolicy);

    assertThat(figures.slaCompliance())
        .containsExactly(
            Map.entry(SlaTarget.FIRST_RESPONSE, new SlaCompliance(2, 1)),
            Map.entry(SlaTarget.NEXT_RESPONSE, new SlaCompliance(1, 1)),
            Map.entry(SlaTarget.RESOLUTION, new SlaCompliance(2, 1)));
    assertThat(figures.slaCompliance().get(SlaTarget.FIRST_RESPONSE).rate().getAsDouble())
        .isCloseTo(2.0 / 3, within(1e-12));
    assertThat(figures.slaCompliance().get(SlaTarget.NEXT_RESPONSE).rate()).hasValue(0.5);
    assertThat(figures.breaches()).isEqualTo(3);
  }

  @Test
  void slaCompliance_closedBeforeAnyReply_customerMessageStartsNextResponseCycle() {
    HistoryBuilder selfSolved =
        opened("tech", T0)
            .underPolicy()
            .closes(at(10))
            .customerWrites(at(20))
            .breach(SlaTarget.NEXT_RESPONSE, 1, at(50))
            .agentReplies("a1", at(60))
            .customerWrites(at(70))
            .agentReplies("a1", at(75));

    Figures figures = overall(SupportHours.always(), selfSolved);

    // the first response was never owed once the customer closed; cycle 1 breached, cycle 2 met
    assertThat(figures.slaCompliance().get(SlaTarget.FIRST_RESPONSE)).isEqualTo(SlaCompliance.NONE);
    assertThat(figures.slaCompliance().get(SlaTarget.NEXT_RESPONSE))
        .isEqualTo(new SlaCompliance(1, 1));
    assertThat(figures.firstResponseWall().median()).isEqualTo(minutes(60));
  }

  @Test
  void compensationOwed_severalTicketsAndCurrencies_summedPerCurrency() {
    Figures figures =
        overall(
            SupportHours.always(),
            opened("tech", T0)
                .compensation(500, "EUR", at(10))
                .compensation(250, "EUR", at(20))
                .compensation(1000, "USD", at(30)),
            opened("billing", T0).compensation(300, "EUR", at(10)));

    assertThat(figures.compensationOwed())
        .containsExactly(
            Map.entry(Currency.getInstance("EUR"), 1050L),
            Map.entry(Currency.getInstance("USD"), 1000L));
  }

  @Test
  void transfersPerTicket_zeroOneAndTwoTransfers_meanIsOne() {
    Figures figures =
        overall(
            SupportHours.always(),
            opened("tech", T0),
            opened("tech", T0).transfers("billing", at(5)),
            opened("tech", T0).transfers("billing", at(5)).transfers("abuse", at(9)));

    assertThat(figures.transfers()).isEqualTo(3);
    assertThat(figures.transfersPerTicket()).hasValue(1.0);
  }

  @Test
  void feedback_threePromotersOnePassiveOneDetractor_npsFortyAndCsatAverage() {
    int[][] ratingAndRecommend = {{5, 9}, {4, 10}, {5, 9}, {3, 8}, {1, 3}};
    List<HistoryBuilder> tickets = new ArrayList<>();
    for (int[] f : ratingAndRecommend) {
      tickets.add(opened("tech", T0).closes(at(10)).feedback(f[0], f[1], at(20)));
    }

    Figures figures = overall(SupportHours.always(), tickets.toArray(HistoryBuilder[]::new));

    assertThat(figures.feedback()).isEqualTo(5);
    assertThat(figures.promoters()).isEqualTo(3);
    assertThat(figures.detractors()).isEqualTo(1);
    assertThat(figures.nps()).hasValue(40.0);
    assertThat(figures.csatAverage().getAsDouble()).isCloseTo(18.0 / 5, within(1e-12));
  }

  @Test
  void feedback_sixIsDetractorSevenIsPassive_npsMinusFifty() {
    Figures figures =
        overall(
            SupportHours.always(),
            opened("tech", T0).closes(at(1)).feedback(2, 6, at(2)),
            opened("tech", T0).closes(at(1)).feedback(3, 7, at(2)));

    assertThat(figures.nps()).hasValue(-50.0);
  }

  @Test
  void scope_ticketsOpenedAroundThePeriodBounds_onlyThoseInHalfOpenIntervalCount() {
    Figures figures =
        overall(
            SupportHours.always(),
            opened("tech", FROM.minusNanos(1)),
            opened("tech", FROM),
            opened("tech", TO.minusNanos(1)),
            opened("tech", TO));

    assertThat(figures.tickets()).isEqualTo(2);
  }

  @Test
  void scope_eventsAfterThePeriod_stillCountForTicketsOpenedInIt() {
    Instant late = TO.plus(Duration.ofDays(3));
    Figures figures =
        overall(SupportHours.always(), opened("tech", TO.minusSeconds(60)).closes(late));

    assertThat(figures.resolved()).isEqualTo(1);
    assertThat(figures.resolutionWall().median())
        .hasValue(Duration.ofDays(3).plus(Duration.ofSeconds(60)));
  }

  @Test
  void mergedAndSpam_leftOutOfRates_butBreachesAndCompensationCount() {
    HistoryBuilder merged =
        opened("tech", T0)
            .underPolicy()
            .agentReplies("a1", at(5))
            .breach(SlaTarget.NEXT_RESPONSE, 1, at(10))
            .compensation(100, "EUR", at(11))
            .merged(at(12));
    HistoryBuilder spam = opened("tech", T0).spam(at(1));
    HistoryBuilder solved = opened("tech", T0).agentReplies("a1", at(20)).closes(at(30));

    Figures figures = overall(SupportHours.always(), merged, spam, solved);

    assertThat(figures.tickets()).isEqualTo(3);
    assertThat(figures.mergedOrSpam()).isEqualTo(2);
    assertThat(figures.measured()).isEqualTo(1);
    assertThat(figures.resolutionRate()).hasValue(1.0);
    assertThat(figures.firstResponseWall())
        .isEqualTo(new DurationStats(1, minutes(20), minutes(20)));
    assertThat(figures.breaches()).isEqualTo(1);
    assertThat(figures.slaCompliance().get(SlaTarget.NEXT_RESPONSE)).isEqualTo(SlaCompliance.NONE);
    assertThat(figures.compensationOwed())
        .containsExactly(Map.entry(Currency.getInstance("EUR"), 100L));
  }

  @Test
  void grouping_byDepartmentNowAndByAgent_followsTheAttributionRule() {
    HistoryBuilder transferred =
        opened("tech", T0)
            .agentReplies("a1", at(10))
            .assigns("a2", at(11))
            .transfers("billing", at(12))
            .assigns("a3", at(13))
            .agentReplies("a3", at(14))
            .closes(at(40))
            .feedback(5, 10, at(50));
    HistoryBuilder unassigned =
        opened("tech", T0).agentReplies("a2", at(7)).agentReplies("a4", at(20));
    HistoryBuilder untouched = opened("tech", T0);

    SupportReport report = report(SupportHours.always(), transferred, unassigned, untouched);

    assertThat(report.byDepartment().keySet())
        .containsExactly(DepartmentId.of("billing"), DepartmentId.of("tech"));
    Figures billing = report.byDepartment().get(DepartmentId.of("billing"));
    assertThat(billing.tickets()).isEqualTo(1);
    assertThat(billing.resolved()).isEqualTo(1);
    assertThat(billing.firstResponseWall().median()).isEqualTo(minutes(10));
    Figures tech = report.byDepartment().get(DepartmentId.of("tech"));
    assertThat(tech.tickets()).isEqualTo(2);
    assertThat(tech.firstResponseWall()).isEqualTo(new DurationStats(1, minutes(7), minutes(7)));

    assertThat(report.byAgent().keySet())
        .containsExactly(AgentId.of("a1"), AgentId.of("a2"), AgentId.of("a3"), AgentId.of("a4"));
    Figures a1 = report.byAgent().get(AgentId.of("a1"));
    assertThat(a1.tickets()).isZero();
    assertThat(a1.firstResponseWall()).isEqualTo(new DurationStats(1, minutes(10), minutes(10)));
    Figures a2 = report.byAgent().get(AgentId.of("a2"));
    assertThat(a2.tickets()).isZero();
    assertThat(a2.firstResponseWall()).isEqualTo(new DurationStats(1, minutes(7), minutes(7)));
    Figures a3 = report.byAgent().get(AgentId.of("a3"));
    assertThat(a3.tickets()).isEqualTo(1);
    assertThat(a3.resolved()).isEqualTo(1);
    assertThat(a3.nps()).hasValue(100.0);
    assertThat(a3.firstResponseWall()).isEqualTo(DurationStats.NONE);
    Figures a4 = report.byAgent().get(AgentId.of("a4"));
    assertThat(a4.tickets()).isEqualTo(1);
    assertThat(a4.resolutionRate()).hasValue(0.0);
    assertThat(report.overall().tickets()).isEqualTo(3);
  }

  @Test
  void report_noTickets_zeroCountsAndEmptyAverages() {
    SupportReport report = SupportMetrics.report(FROM, TO, List.of(), SupportHours.always());
    Figures figures = report.overall();

    assertThat(figures.tickets()).isZero();
    assertThat(figures.resolutionRate()).isEmpty();
    assertThat(figures.transfersPerTicket()).isEmpty();
    assertThat(figures.reopenRate()).isEmpty();
    assertThat(figures.csatAverage()).isEmpty();
    assertThat(figures.nps()).isEmpty();
    assertThat(figures.slaCompliance().values()).allMatch(c -> c.rate().isEmpty());
    assertThat(figures.compensationOwed()).isEmpty();
    assertThat(report.byDepartment()).isEmpty();
    assertThat(report.byAgent()).isEmpty();
  }

  @Test
  void report_periodEndBeforeStart_rejectedNamingBothInstants() {
    assertThatThrownBy(() -> SupportMetrics.report(TO, FROM, List.of(), SupportHours.always()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TO.toString())
        .hasMessageContaining(FROM.toString());
  }

  @Test
  void ticketHistory_eventOfAnotherTicket_rejected() {
    TicketHistory one = opened("tech", T0).build();
    TicketHistory other = opened("tech", T0).build();

    assertThatThrownBy(() -> new TicketHistory(one.ticket(), other.events()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(other.ticket().id().toString());
  }

  @Test
  void ticketHistory_eventsOutOfVersionOrder_rejected() {
    TicketHistory history = opened("tech", T0).agentReplies("a1", at(1)).build();
    List<dev.helpdesk.event.HelpdeskEvent> reversed = new ArrayList<>(history.events());
    Collections.reverse(reversed);

    assertThatThrownBy(() -> new TicketHistory(history.ticket(), reversed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version order");
  }
}
