package dev.helpdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators for support-hour calendars in any zone, DST-heavy zones favoured. */
final class Calendars {
  private Calendars() {}

  /** A generated calendar with what the test needs to know about it. */
  record Calendar(SupportHours hours, Duration weeklyOpen, ZoneId zone, String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  static final List<ZoneId> DST_ZONES =
      List.of(
              "Europe/Berlin",
              "America/New_York",
              "Australia/Lord_Howe",
              "America/Sao_Paulo",
              "America/Santiago",
              "Pacific/Apia",
              "Africa/Casablanca",
              "Asia/Tehran",
              "America/St_Johns",
              "Europe/London",
              "Antarctica/Troll")
          .stream()
          .map(ZoneId::of)
          .toList();

  private static final List<ZoneId> ALL_ZONES =
      new TreeSet<>(ZoneId.getAvailableZoneIds()).stream().map(ZoneId::of).toList();

  static Gen<ZoneId> zones() {
    return Generate.pick(DST_ZONES).mix(Generate.pick(ALL_ZONES), 50);
  }

  /** Instants from 1990 to 2060, some with nanos. */
  static Gen<Instant> instants() {
    long from = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2060-01-01T00:00:00Z").getEpochSecond();
    return Generate.longRange(from, to)
        .zip(
            Generate.range(0, 3),
            (seconds, nanoKind) -> Instant.ofEpochSecond(seconds, nanoKind == 0 ? 1 : 0));
  }

  /** A weekly schedule of 0-3 ranges per day on a quarter-hour grid, with at least one range. */
  static Gen<Map<DayOfWeek, List<TimeRange>>> schedules() {
    return in -> {
      Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
      for (DayOfWeek day : DayOfWeek.values()) {
        int count = Generate.range(0, 3).generate(in);
        List<Integer> cuts = new ArrayList<>(new TreeSet<>(randomQuarters(in, count * 2)));
        List<TimeRange> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i += 2) {
          ranges.add(new TimeRange(quarter(cuts.get(i)), quarter(cuts.get(i + 1))));
        }
        if (!ranges.isEmpty()) {
          weekly.put(day, ranges);
        }
      }
      if (weekly.isEmpty()) {
        weekly.put(
            DayOfWeek.WEDNESDAY, List.of(new TimeRange(LocalTime.of(1, 30), LocalTime.of(2, 30))));
      }
      return weekly;
    };
  }

  /** Business-hours calendars (holidays as a date set or as a rule) and, now and then, 24/7. */
  static Gen<Calendar> calendars() {
    Gen<Calendar> business =
        in -> {
          ZoneId zone = zones().generate(in);
          Map<DayOfWeek, List<TimeRange>> weekly = schedules().generate(in);
          Duration weeklyOpen = weeklyOpen(weekly);
          boolean byRule = Generate.booleans().generate(in);
          if (byRule) {
            // Every 7th epoch day is always the same weekday: with a schedule open only on that
            // day, such a rule closes support for good, and the calendar is rightly refused.
            int every = Generate.range(2, 40).assuming(n -> n != 7).generate(in);
            SupportHours hours =
                SupportHours.businessHours(zone, weekly, date -> date.toEpochDay() % every == 0);
            return new Calendar(hours, weeklyOpen, zone, hours + " every " + every + "th day");
          }
          Set<LocalDate> dates = new HashSet<>();
          int count = Generate.range(0, 400).generate(in);
          for (int i = 0; i < count; i++) {
            dates.add(LocalDate.ofEpochDay(Generate.longRange(7_300, 33_000).generate(in)));
          }
          SupportHours hours = SupportHours.businessHours(zone, weekly, dates);
          return new Calendar(hours, weeklyOpen, zone, hours + " " + new TreeSet<>(dates));
        };
    Gen<Calendar> always =
        Generate.constant(
            new Calendar(SupportHours.always(), Duration.ofDays(7), ZoneId.of("UTC"), "24/7"));
    return business.mix(always, 10);
  }

  /** A positive duration up to {@code weeks} weeks of the calendar's open time. */
  static Gen<Duration> durationsWithin(Calendar calendar, int weeks) {
    long max = calendar.weeklyOpen().multipliedBy(weeks).toSeconds();
    return Generate.longRange(1, max).map(seconds -> Duration.ofSeconds(seconds));
  }

  static Duration weeklyOpen(Map<DayOfWeek, List<TimeRange>> weekly) {
    return weekly.values().stream()
        .flatMap(List::stream)
        .map(r -> Duration.ofNanos(r.toNanoOfDay() - r.fromNanoOfDay()))
        .reduce(Duration.ZERO, Duration::plus);
  }

  private static List<Integer> randomQuarters(
      org.quicktheories.core.RandomnessSource in, int count) {
    List<Integer> quarters = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      quarters.add(Generate.range(0, 96).generate(in));
    }
    return quarters;
  }

  /** Quarter-hour {@code q} of the day; 96 is the end of the day, written 00:00. */
  private static LocalTime quarter(int q) {
    return q == 96 ? LocalTime.MIDNIGHT : LocalTime.of(q / 4, (q % 4) * 15);
  }
}
