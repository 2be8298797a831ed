package dev.helpdesk.internal;

import static dev.helpdesk.internal.HistoryBuilder.OFFICE_HOURS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.Figures;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SupportMetricsProperties {
  private static final int EXAMPLES = 1_000;
  private static final Instant FROM = Instant.parse("2024-01-15T00:00:00Z");
  private static final Instant TO = Instant.parse("2024-02-15T00:00:00Z");
  private static final List<String> DEPARTMENTS = List.of("tech", "billing", "abuse");
  private static final List<String> AGENTS = List.of("a1", "a2", "a3", "a4");
  private static final List<String> CURRENCIES = List.of("EUR", "USD");

  /** Up to 30 tickets opened around the period, each driven by up to 15 random steps. */
  private static Gen<List<TicketHistory>> histories() {
    Gen<Integer> count = Generate.range(0, 30);
    return in -> {
      List<TicketHistory> histories = new ArrayList<>();
      for (int i = count.generate(in); i > 0; i--) {
        histories.add(history().generate(in));
      }
      return histories;
    };
  }

  private static Gen<TicketHistory> history() {
    Gen<Long> openedMinute = Generate.longRange(0, 90L * 24 * 60);
    Gen<Integer> steps = Generate.range(0, 15);
    Gen<Integer> action = Generate.range(0, 11);
    Gen<Long> gap = Generate.longRange(0, 3 * 24 * 60);
    Gen<String> department = Generate.pick(DEPARTMENTS);
    Gen<String> agent = Generate.pick(AGENTS);
    Gen<Integer> small = Generate.range(1, 3);
    Gen<Integer> rating = Generate.range(1, 5);
    Gen<Integer> recommend = Generate.range(0, 10);
    Gen<Boolean> policy = Generate.booleans();
    return in -> {
      Instant opened =
          Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofMinutes(openedMinute.generate(in)));
      HistoryBuilder b = HistoryBuilder.opened(department.generate(in), opened);
      if (policy.generate(in)) {
        b.underPolicy();
      }
      for (int i = steps.generate(in); i > 0 && !isSetAside(b); i--) {
        Instant at = b.lastAt().plus(Duration.ofMinutes(gap.generate(in)));
        switch (action.generate(in)) {
          case 0 -> b.agentReplies(agent.generate(in), at);
          case 1 -> b.agentNote(agent.generate(in), at);
          case 2 -> b.customerWrites(at);
          case 3 -> b.proposes(agent.generate(in), at);
          case 4 -> b.closes(at);
          case 5 -> b.reopens(at);
          case 6 -> b.assigns(agent.generate(in), at);
          case 7 -> b.transfers(department.generate(in), at);
          case 8 -> b.breach(SlaTarget.values()[small.generate(in) - 1], small.generate(in), at);
          case 9 ->
              b.compensation(small.generate(in) * 100L, CURRENCIES.get(small.generate(in) % 2), at);
          case 10 -> b.feedback(rating.generate(in), recommend.generate(in), at);
          default -> {
            if (small.generate(in) == 1) {
              b.merged(at);
            } else {
              b.spam(at);
            }
          }
        }
      }
      return b.build();
    };
  }

  /** Nothing happens to a merged or spam ticket any more; a closed one may still be reopened. */
  private static boolean isSetAside(HistoryBuilder b) {
    return b.status() == TicketStatus.MERGED || b.status() == TicketStatus.SPAM;
  }

  private static Stream<Figures> allFigures(SupportReport report) {
    return Stream.of(
            Stream.of(report.overall()),
            report.byDepartment().values().stream(),
            report.byAgent().values().stream())
        .flatMap(Function.identity());
  }

  private static SupportReport report(List<TicketHistory> histories, SupportHours hours) {
    return SupportMetrics.report(FROM, TO, histories, hours);
  }

  @Test
  void nps_anyHistories_withinPlusMinusHundredAndCsatWithinOneAndFive() {
    qt().withExamples(EXAMPLES)
        .forAll(histories())
        .checkAssert(
            histories ->
                allFigures(report(histories, SupportHours.always()))
                    .forEach(
                        f -> {
                          assertThat(f.nps().isPresent()).isEqualTo(f.feedback() > 0);
                          f.nps().ifPresent(nps -> assertThat(nps).isBetween(-100.0, 100.0));
                          f.csatAverage().ifPresent(c -> assertThat(c).isBetween(1.0, 5.0));
                        }));
  }

  @Test
  void durationStats_anyHistories_medianNotAboveP90() {
    qt().withExamples(EXAMPLES)
        .forAll(histories())
        .checkAssert(
            histories ->
                allFigures(report(histories, OFFICE_HOURS))
                    .flatMap(SupportMetricsProperties::durations)
                    .filter(s -> s.count() > 0)
                    .forEach(s -> assertThat(s.median().get()).isLessThanOrEqualTo(s.p90().get())));
  }

  @Test
  void businessTime_officeHours_notAboveWallTime() {
    qt().withExamples(EXAMPLES)
        .forAll(histories())
        .checkAssert(
            histories ->
                allFigures(report(histories, OFFICE_HOURS))
                    .forEach(
                        f -> {
                          assertNotLonger(f.firstResponseBusiness(), f.firstResponseWall());
                          assertNotLonger(f.resolutionBusiness(), f.resolutionWall());
                        }));
  }

  @Test
  void businessTime_aroundTheClock_equalsWallTime() {
    qt().withExamples(EXAMPLES)
        .forAll(histories())
        .checkAssert(
            histories ->
                allFigures(report(histories, SupportHours.always()))
                    .forEach(
                        f -> {
                          assertThat(f.firstResponseBusiness()).isEqualTo(f.firstResponseWall());
                          assertThat(f.resolutionBusiness()).isEqualTo(f.resolutionWall());
                        }));
  }

  @Test
  void rates_anyHistories_withinZeroAndOne() {
    qt().withExamples(EXAMPLES)
        .forAll(histories())
        .checkAssert(
            histories ->
                allFigures(report(histories, SupportHours.always()))
                    .forEach(
                        f -> {
                          assertRate(f.resolutionRate());
                          assertRate(f.reopenRate());
                          f.slaCompliance().values().forEach(c -> assertRate(c.rate()));
                          f.transfersPerTicket().ifPresent(t -> assertThat(t).isNotNegative());
                        }));
  }

  @Test
  void overallFigures_anyHistories_equalTheSumOverDepartments() {
    List<ToLongFunction<Figures>> additive =
        List.of(
            Figures::tickets,
            Figures::mergedOrSpam,
            Figures::resolved,
            Figures::breaches,
            Figures::transfers,
            Figures::closed,
            Figures::reopened,
            Figures::feedback,
            f -> f.firstResponseWall().count(),
            f -> f.resolutionWall().count());
    qt().withExamples(EXAMPLES)
        .forAll(histories())
        .checkAssert(
            histories -> {
              SupportReport report = report(histories, SupportHours.always());
              long inScope =
                  histories.stream()
                      .map(h -> h.ticket().openedAt())
                      .filter(at -> !at.isBefore(FROM) && at.isBefore(TO))
                      .count();
              assertThat(report.overall().tickets()).isEqualTo(inScope);
              for (ToLongFunction<Figures> count : additive) {
                assertThat(report.byDepartment().values().stream().mapToLong(count).sum())
                    .isEqualTo(count.applyAsLong(report.overall()));
              }
            });
  }

  private static Stream<DurationStats> durations(Figures f) {
    return Stream.of(
        f.firstResponseWall(),
        f.firstResponseBusiness(),
        f.resolutionWall(),
        f.resolutionBusiness());
  }

  private static void assertNotLonger(DurationStats business, DurationStats wall) {
    assertThat(business.count()).isEqualTo(wall.count());
    if (wall.count() > 0) {
      assertThat(business.median().get()).isLessThanOrEqualTo(wall.median().get());
      assertThat(business.p90().get()).isLessThanOrEqualTo(wall.p90().get());
    }
  }

  private static void assertRate(OptionalDouble rate) {
    rate.ifPresent(r -> assertThat(r).isBetween(0.0, 1.0));
  }
}
