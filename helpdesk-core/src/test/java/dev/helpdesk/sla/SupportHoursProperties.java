package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.sla.Calendars.Calendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SupportHoursProperties {
  private static final int EXAMPLES = 1_000;

  /** A calendar with a start instant and a duration that fits within a few of its weeks. */
  private record Case(Calendar calendar, Instant start, Duration duration) {}

  private static Gen<Case> cases() {
    return in -> {
      Calendar calendar = Calendars.calendars().generate(in);
      return new Case(
          calendar,
          Calendars.instants().generate(in),
          Calendars.durationsWithin(calendar, 12).generate(in));
    };
  }

  @Test
  void businessTimeBetween_openAroundTheClock_equalsWallTime() {
    Map<DayOfWeek, List<TimeRange>> allDay = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      allDay.put(
          day, List.of(TimeRange.of(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MIDNIGHT)));
    }
    qt().withExamples(EXAMPLES)
        .forAll(Calendars.zones(), Calendars.instants(), Generate.longRange(0, 90L * 86_400))
        .checkAssert(
            (zone, from, seconds) -> {
              Instant to = from.plusSeconds(seconds);
              Duration wall = Duration.between(from, to);
              assertThat(SupportHours.always().businessTimeBetween(from, to)).isEqualTo(wall);
              SupportHours fullWeek = SupportHours.businessHours(zone, allDay, Set.of());
              assertThat(fullWeek.businessTimeBetween(from, to)).isEqualTo(wall);
              assertThat(fullWeek.addBusinessTime(from, wall)).isEqualTo(to);
            });
  }

  @Test
  void addBusinessTime_thenMeasuredBack_givesTheSameDuration() {
    qt().withExamples(EXAMPLES)
        .forAll(cases())
        .checkAssert(
            c -> {
              Instant deadline = c.calendar().hours().addBusinessTime(c.start(), c.duration());
              assertThat(c.calendar().hours().businessTimeBetween(c.start(), deadline))
                  .isEqualTo(c.duration());
            });
  }

  @Test
  void addBusinessTime_positiveDuration_endsInsideSupportHours() {
    qt().withExamples(EXAMPLES)
        .forAll(cases())
        .checkAssert(
            c -> {
              SupportHours hours = c.calendar().hours();
              Instant deadline = hours.addBusinessTime(c.start(), c.duration());
              assertThat(deadline).isAfter(c.start());
              assertThat(hours.isOpen(deadline.minusNanos(1)))
                  .as("open just before the deadline %s", deadline)
                  .isTrue();
            });
  }

  @Test
  void addBusinessTime_withAPause_neverMovesTheDeadlineEarlier() {
    qt().withExamples(EXAMPLES)
        .forAll(cases(), Generate.range(0, 1_000), Generate.longRange(0, 30L * 86_400))
        .checkAssert(
            (c, pausePermille, pauseSeconds) -> {
              SupportHours hours = c.calendar().hours();
              Instant deadline = hours.addBusinessTime(c.start(), c.duration());
              Instant pausedAt =
                  c.start()
                      .plus(
                          Duration.between(c.start(), deadline)
                              .multipliedBy(pausePermille)
                              .dividedBy(1_000));
              Duration elapsed = hours.businessTimeBetween(c.start(), pausedAt);
              Instant resumedAt = pausedAt.plusSeconds(pauseSeconds);
              Instant pausedDeadline =
                  hours.addBusinessTime(resumedAt, c.duration().minus(elapsed));
              assertThat(pausedDeadline).isAfterOrEqualTo(deadline);
            });
  }

  @Test
  void businessTimeBetween_anyCalendar_matchesADayByDayReference() {
    qt().withExamples(EXAMPLES)
        .forAll(
            Calendars.zones(),
            Calendars.schedules(),
            Calendars.instants(),
            Generate.longRange(0, 60L * 86_400))
        .checkAssert(
            (zone, weekly, from, seconds) -> {
              Instant to = from.plusSeconds(seconds);
              Set<LocalDate> holidays =
                  Set.of(LocalDate.ofInstant(from, zone).plusDays(seconds % 9));
              SupportHours hours = SupportHours.businessHours(zone, weekly, holidays);
              assertThat(hours.businessTimeBetween(from, to))
                  .isEqualTo(reference(zone, weekly, holidays, from, to));
            });
  }

  /** Open time counted day by day with {@code java.time}, as documented on {@link SupportHours}. */
  private static Duration reference(
      ZoneId zone,
      Map<DayOfWeek, List<TimeRange>> weekly,
      Set<LocalDate> holidays,
      Instant from,
      Instant to) {
    Duration total = Duration.ZERO;
    for (LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1);
        !date.isAfter(LocalDate.ofInstant(to, zone).plusDays(1));
        date = date.plusDays(1)) {
      if (holidays.contains(date)) {
        continue;
      }
      for (TimeRange range : weekly.getOrDefault(date.getDayOfWeek(), List.of())) {
        Instant open = max(instant(zone, date.atTime(range.from())), from);
        LocalDateTime closeLocal =
            range.to().equals(java.time.LocalTime.MIDNIGHT)
                ? date.plusDays(1).atStartOfDay()
                : date.atTime(range.to());
        Instant close = min(instant(zone, closeLocal), to);
        if (close.isAfter(open)) {
          total = total.plus(Duration.between(open, close));
        }
      }
    }
    return total;
  }

  private static Instant instant(ZoneId zone, LocalDateTime local) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return local.atZone(zone).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
