package dev.helpdesk.sla;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupportHoursTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static Map<DayOfWeek, List<TimeRange>> weekdays(TimeRange... ranges) {
    Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
      weekly.put(day, List.of(ranges));
    }
    return weekly;
  }

  static Map<DayOfWeek, List<TimeRange>> everyDay() {
    Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.put(day, List.of(range("09:00", "17:00")));
    }
    return weekly;
  }

  private static final Duration HOURS_18 = Duration.ofHours(18);

  static TimeRange range(String from, String to) {
    return TimeRange.of(LocalTime.parse(from), LocalTime.parse(to));
  }

  private static final SupportHours BERLIN_OFFICE =
      SupportHours.businessHours(BERLIN, weekdays(range("09:00", "17:00")), Set.of());

  private static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  @Test
  void addBusinessTime_always_isWallTime() {
    Instant start = Instant.parse("2026-03-29T00:30:00Z");
    assertThat(SupportHours.always().addBusinessTime(start, Duration.ofMinutes(15)))
        .isEqualTo(Instant.parse("2026-03-29T00:45:00Z"));
    assertThat(SupportHours.always().isOpen(start)).isTrue();
  }

  @Test
  void addBusinessTime_fridayEveningTicket_dueMondayMorning() {
    Instant fridayEvening = at("2026-11-20T18:40", BERLIN);
    assertThat(BERLIN_OFFICE.addBusinessTime(fridayEvening, Duration.ofHours(4)))
        .isEqualTo(at("2026-11-23T13:00", BERLIN));
    assertThat(BERLIN_OFFICE.businessTimeBetween(fridayEvening, at("2026-11-23T09:00", BERLIN)))
        .isZero();
  }

  @Test
  void addBusinessTime_fridayAfternoonTicket_carriesRestToMonday() {
    assertThat(BERLIN_OFFICE.addBusinessTime(at("2026-11-20T16:00", BERLIN), Duration.ofHours(4)))
        .isEqualTo(at("2026-11-23T12:00", BERLIN));
  }

  @Test
  void addBusinessTime_exactlyToClosing_endsAtClosingTime() {
    Instant deadline =
        BERLIN_OFFICE.addBusinessTime(at("2026-11-19T16:00", BERLIN), Duration.ofHours(1));
    assertThat(deadline).isEqualTo(at("2026-11-19T17:00", BERLIN));
    assertThat(BERLIN_OFFICE.isOpen(deadline)).isFalse();
    assertThat(BERLIN_OFFICE.isOpen(deadline.minusNanos(1))).isTrue();
  }

  @Test
  void addBusinessTime_overChristmasHolidays_skipsThem() {
    Set<LocalDate> christmas = Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25));
    Instant start = at("2026-12-23T16:00", BERLIN);
    Instant expected = at("2026-12-28T10:00", BERLIN);
    Map<DayOfWeek, List<TimeRange>> weekly = weekdays(range("09:00", "17:00"));
    assertThat(
            SupportHours.businessHours(BERLIN, weekly, christmas)
                .addBusinessTime(start, Duration.ofHours(2)))
        .isEqualTo(expected);
    assertThat(
            SupportHours.businessHours(BERLIN, weekly, christmas::contains)
                .addBusinessTime(start, Duration.ofHours(2)))
        .isEqualTo(expected);
    assertThat(
            SupportHours.businessHours(BERLIN, weekly, christmas)
                .isOpen(at("2026-12-24T10:00", BERLIN)))
        .isFalse();
  }

  @Test
  void addBusinessTime_multiWeekDuration_skipsWeeksAndHolidays() {
    SupportHours hours =
        SupportHours.businessHours(
            BERLIN, weekdays(range("09:00", "17:00")), Set.of(LocalDate.of(2026, 12, 7)));
    // 40 h fill Mon 30 Nov to Fri 4 Dec; Mon 7 Dec is a holiday, so the last 8 h are Tue 8 Dec
    assertThat(hours.addBusinessTime(at("2026-11-30T09:00", BERLIN), Duration.ofHours(48)))
        .isEqualTo(at("2026-12-08T17:00", BERLIN));
    assertThat(
            hours.businessTimeBetween(
                at("2026-11-30T09:00", BERLIN), at("2027-01-04T09:00", BERLIN)))
        .isEqualTo(Duration.ofHours(8 * 24));
  }

  @Test
  void isOpen_lunchBreak_isClosed() {
    SupportHours hours =
        SupportHours.businessHours(
            NEW_YORK, weekdays(range("09:00", "12:00"), range("13:00", "17:00")), Set.of());
    assertThat(hours.isOpen(at("2026-06-03T11:59", NEW_YORK))).isTrue();
    assertThat(hours.isOpen(at("2026-06-03T12:30", NEW_YORK))).isFalse();
    assertThat(hours.addBusinessTime(at("2026-06-03T11:30", NEW_YORK), Duration.ofHours(1)))
        .isEqualTo(at("2026-06-03T13:30", NEW_YORK));
  }

  @Test
  void businessTimeBetween_berlinSpringForward_rangeAcrossGapIsShorter() {
    SupportHours sundayNight =
        SupportHours.businessHours(
            BERLIN, Map.of(SUNDAY, List.of(range("01:00", "04:00"))), Set.of());
    Instant sunday = at("2026-03-29T00:00", BERLIN);
    assertThat(sundayNight.businessTimeBetween(sunday, sunday.plus(Duration.ofDays(1))))
        .isEqualTo(Duration.ofHours(2));
    // 02:30 does not exist that night: it counts as the transition (01:00 UTC), open since 00:00
    // UTC
    assertThat(sundayNight.isOpen(Instant.parse("2026-03-29T01:30:00Z"))).isTrue();
    assertThat(sundayNight.addBusinessTime(sunday, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-29T02:00:00Z"));
  }

  @Test
  void businessTimeBetween_berlinFallBack_rangeAcrossOverlapIsLonger() {
    SupportHours sundayNight =
        SupportHours.businessHours(
            BERLIN, Map.of(SUNDAY, List.of(range("01:00", "04:00"))), Set.of());
    Instant sunday = at("2026-10-25T00:00", BERLIN);
    assertThat(sundayNight.businessTimeBetween(sunday, sunday.plus(Duration.ofDays(1))))
        .isEqualTo(Duration.ofHours(4));
    assertThat(sundayNight.addBusinessTime(sunday, Duration.ofHours(4)))
        .isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
  }

  @Test
  void addBusinessTime_newYorkAroundTheClockSundays_followDaylightSaving() {
    SupportHours sundays =
        SupportHours.businessHours(
            NEW_YORK, Map.of(SUNDAY, List.of(range("00:00", "00:00"))), Set.of());
    Instant springSunday = at("2026-03-08T00:00", NEW_YORK);
    assertThat(sundays.businessTimeBetween(springSunday, springSunday.plus(Duration.ofDays(2))))
        .isEqualTo(Duration.ofHours(23));
    Instant fallSunday = at("2026-11-01T00:00", NEW_YORK);
    assertThat(sundays.businessTimeBetween(fallSunday, fallSunday.plus(Duration.ofDays(2))))
        .isEqualTo(Duration.ofHours(25));
    assertThat(sundays.addBusinessTime(fallSunday, Duration.ofHours(25)))
        .isEqualTo(at("2026-11-02T00:00", NEW_YORK));
  }

  @Test
  void addBusinessTime_newYorkOfficeOverSpringForward_keepsLocalOpeningHours() {
    SupportHours office =
        SupportHours.businessHours(NEW_YORK, weekdays(range("09:00", "17:00")), Set.of());
    Instant friday = at("2026-03-06T16:00", NEW_YORK);
    assertThat(office.addBusinessTime(friday, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    assertThat(office.businessTimeBetween(friday, Instant.parse("2026-03-09T14:00:00Z")))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void businessHours_noOpenTime_isRejected() {
    assertThatThrownBy(() -> SupportHours.businessHours(BERLIN, Map.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no open time");
  }

  @Test
  void businessHours_overlappingRanges_areRejected() {
    assertThatThrownBy(
            () ->
                SupportHours.businessHours(
                    BERLIN,
                    Map.of(MONDAY, List.of(range("09:00", "12:00"), range("11:00", "13:00"))),
                    Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlap");
  }

  @Test
  void businessHours_everyDayAHoliday_isRejectedWhenBuilt() {
    assertThatThrownBy(
            () ->
                SupportHours.businessHours(BERLIN, weekdays(range("09:00", "17:00")), date -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closed every day from 1900-01-01")
        .hasMessageContaining("at most 366 days in a row");
  }

  @Test
  void businessHours_ruleClosingTheOnlyOpenWeekday_isRejectedWhenBuilt() {
    // The calendar behind the flaky property: 15 minutes on Thursdays, and every epoch day
    // divisible by 7 (always a Thursday) a holiday.
    Map<DayOfWeek, List<TimeRange>> thursdays =
        Map.of(DayOfWeek.THURSDAY, List.of(range("10:00", "10:15")));
    assertThatThrownBy(
            () -> SupportHours.businessHours(BERLIN, thursdays, date -> date.toEpochDay() % 7 == 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closed every day");
    SupportHours everyOtherThursday =
        SupportHours.businessHours(BERLIN, thursdays, date -> date.toEpochDay() % 14 == 0);
    assertThat(everyOtherThursday.addBusinessTime(at("2026-01-05T10:00", BERLIN), HOURS_18))
        .isBefore(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void businessHours_closedForAYearAndADay_isRejectedButAYearIsAccepted() {
    LocalDate from = LocalDate.of(2030, 1, 1);
    Set<LocalDate> year = new HashSet<>();
    for (LocalDate d = from; d.isBefore(from.plusDays(366)); d = d.plusDays(1)) {
      year.add(d);
    }
    SupportHours sabbatical = SupportHours.businessHours(BERLIN, everyDay(), year);
    assertThat(sabbatical.isOpen(at("2031-01-02T10:00", BERLIN))).isTrue();
    year.add(from.plusDays(366));
    assertThatThrownBy(() -> SupportHours.businessHours(BERLIN, everyDay(), year))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 2030-01-01 to 2031-01-02");
  }

  @Test
  void addBusinessTime_pastTheSupportedRange_failsInsteadOfLooping() {
    assertThatThrownBy(
            () ->
                BERLIN_OFFICE.addBusinessTime(
                    Instant.parse("2199-12-30T10:00:00Z"), Duration.ofDays(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("within 100 years");
  }

  @Test
  void timeRange_endBeforeStart_isRejectedAndMidnightEndsTheDay() {
    assertThatThrownBy(() -> range("10:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
    assertThat(range("22:00", "00:00").toNanoOfDay()).isEqualTo(Duration.ofDays(1).toNanos());
  }

  @Test
  void addBusinessTime_badArguments_areRejected() {
    Instant now = Instant.parse("2026-01-05T10:00:00Z");
    assertThatThrownBy(() -> BERLIN_OFFICE.addBusinessTime(now, Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1M");
    assertThatThrownBy(() -> BERLIN_OFFICE.isOpen(Instant.parse("2300-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2300");
    assertThatThrownBy(() -> BERLIN_OFFICE.businessTimeBetween(now, now.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BERLIN_OFFICE.addBusinessTime(now, Duration.ZERO)).isEqualTo(now);
  }
}
