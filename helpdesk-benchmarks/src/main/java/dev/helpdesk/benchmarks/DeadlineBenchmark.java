package dev.helpdesk.benchmarks;

import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SLA deadline computation: {@code addBusinessTime} on a Berlin office calendar (weekdays with a
 * lunch break, public holidays for five years) and on 24/7, for durations from 15 minutes to five
 * business days, starting at random instants over two years (DST changes included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeadlineBenchmark {
  private static final int SIZE = 1024;
  private static final List<Duration> TARGETS =
      List.of(
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(4),
          Duration.ofHours(8),
          Duration.ofHours(24),
          Duration.ofHours(40),
          Duration.ofHours(120));

  private final Instant[] starts = new Instant[SIZE];
  private final Duration[] durations = new Duration[SIZE];
  private SupportHours office;
  private SupportHours holidaysByRule;
  private int next;

  @Setup
  public void setUp() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.getValue() <= 5) {
        weekly.put(
            day,
            List.of(
                TimeRange.of(LocalTime.of(9, 0), LocalTime.of(12, 30)),
                TimeRange.of(LocalTime.of(13, 30), LocalTime.of(18, 0))));
      }
    }
    Set<LocalDate> holidays = new HashSet<>();
    for (int year = 2026; year <= 2030; year++) {
      for (String monthDay :
          List.of("01-01", "05-01", "10-03", "12-24", "12-25", "12-26", "12-31")) {
        holidays.add(LocalDate.parse(year + "-" + monthDay));
      }
    }
    office = SupportHours.businessHours(berlin, weekly, holidays);
    holidaysByRule = SupportHours.businessHours(berlin, weekly, holidays::contains);
    Random random = new Random(42);
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < SIZE; i++) {
      starts[i] = from.plusSeconds(random.nextInt(2 * 365 * 86_400));
      durations[i] = TARGETS.get(random.nextInt(TARGETS.size()));
    }
  }

  @Benchmark
  public Instant businessHoursWithHolidayDates() {
    int i = next++ & (SIZE - 1);
    return office.addBusinessTime(starts[i], durations[i]);
  }

  @Benchmark
  public Instant businessHoursWithHolidayRule() {
    int i = next++ & (SIZE - 1);
    return holidaysByRule.addBusinessTime(starts[i], durations[i]);
  }

  @Benchmark
  public Instant alwaysOpen() {
    int i = next++ & (SIZE - 1);
    return SupportHours.always().addBusinessTime(starts[i], durations[i]);
  }

  @Benchmark
  public Duration businessTimeBetweenOverAWeek() {
    int i = next++ & (SIZE - 1);
    return office.businessTimeBetween(starts[i], starts[i].plus(Duration.ofDays(7)));
  }
}
