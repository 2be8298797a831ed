package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.helpdesk.sla.TimeRange.NANOS_PER_DAY;
import static dev.helpdesk.sla.ZoneTable.NANOS_PER_SECOND;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Business hours: a weekly schedule of local ranges in a zone, minus holidays. Per-day ranges are
 * precomputed as nanos of the day and the zone's transitions as arrays, and a week without holiday
 * or offset change is skipped in one step using the weekly total, so a deadline days away costs a
 * few dozen array reads.
 */
final class WeeklyHours implements SupportHours {
  /** Supported instants start here (inclusive)... */
  static final Instant EARLIEST = LocalDate.of(1900, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  /** ...and end here (exclusive); epoch nanos stay far from overflow. */
  static final Instant LATEST = LocalDate.of(2200, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  /** How far a search for open time goes before it gives up on the schedule. */
  static final int HORIZON_YEARS = 100;

  /**
   * The longest run of closed days a calendar may have anywhere from {@link #EARLIEST} to {@link
   * #LATEST}; a schedule whose holidays close support for longer cannot keep any promise.
   */
  static final int MAX_CLOSED_DAYS = 366;

  private static final long HORIZON_DAYS = HORIZON_YEARS * 366L;
  private static final long LAST_DAY = LATEST.getEpochSecond() / 86_400 + 1;

  private final ZoneId zone;
  private final Map<DayOfWeek, List<TimeRange>> weekly;
  private final HolidayCalendar holidays;
  private final ZoneTable table;

  /** Indexed by {@code DayOfWeek.ordinal()}: open-range starts and ends in nanos of the day. */
  private final long[][] starts = new long[7][];

  private final long[][] ends = new long[7][];
  private final long weekNanos;

  WeeklyHours(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, HolidayCalendar holidays) {
    this.zone = requireNonNull(zone, "zone must not be null");
    requireNonNull(weekly, "weekly schedule must not be null");
    this.holidays = holidays;
    Map<DayOfWeek, List<TimeRange>> sorted = new EnumMap<>(DayOfWeek.class);
    long total = 0;
    for (DayOfWeek day : DayOfWeek.values()) {
      List<TimeRange> ranges =
          new ArrayList<>(
              requireNonNull(
                  weekly.getOrDefault(day, List.of()),
                  () -> "ranges of " + day + " must not be null"));
      ranges.forEach(range -> requireNonNull(range, "time ranges must not be null"));
      ranges.sort(Comparator.comparing(TimeRange::from));
      starts[day.ordinal()] = new long[ranges.size()];
      ends[day.ordinal()] = new long[ranges.size()];
      for (int i = 0; i < ranges.size(); i++) {
        TimeRange range = ranges.get(i);
        checkArgument(
            i == 0 || ranges.get(i - 1).toNanoOfDay() <= range.fromNanoOfDay(),
            "time ranges on %s overlap: %s and %s",
            day,
            i == 0 ? range : ranges.get(i - 1),
            range);
        starts[day.ordinal()][i] = range.fromNanoOfDay();
        ends[day.ordinal()][i] = range.toNanoOfDay();
        total += range.toNanoOfDay() - range.fromNanoOfDay();
      }
      if (!ranges.isEmpty()) {
        sorted.put(day, List.copyOf(ranges));
      }
    }
    checkArgument(
        total > 0, "the weekly schedule has no open time, so no deadline is ever reached");
    this.weekNanos = total;
    this.weekly = ImmutableMap.copyOf(sorted);
    this.table =
        new ZoneTable(
            zone, EARLIEST.minus(Duration.ofDays(366)), LATEST.plus(Duration.ofDays(732)));
    requireNoLongClosure();
  }

  /**
   * Rejects a calendar whose holidays close support for more than {@link #MAX_CLOSED_DAYS} days in
   * a row, so that no ticket command meets it later. From each open day it looks for the last open
   * day of the following window, scanning backwards, so an ordinary calendar costs a few hundred
   * holiday look-ups.
   */
  private void requireNoLongClosure() {
    long first = localDay(toNanos(EARLIEST));
    long lastOpen = first - 1;
    while (lastOpen + MAX_CLOSED_DAYS + 1 <= LAST_DAY) {
      long windowEnd = lastOpen + MAX_CLOSED_DAYS + 1;
      long found = Long.MIN_VALUE; // epoch days before 1970 are negative
      for (long day = windowEnd; day > lastOpen && found == Long.MIN_VALUE; day--) {
        if (starts[dayOfWeekIndex(day)].length > 0 && !holidays.isHoliday(day)) {
          found = day;
        }
      }
      checkArgument(
          found != Long.MIN_VALUE,
          "support hours %s are closed every day from %s to %s: holidays may close support for at"
              + " most %s days in a row",
          this,
          LocalDate.ofEpochDay(Math.max(first, lastOpen + 1)),
          LocalDate.ofEpochDay(windowEnd),
          MAX_CLOSED_DAYS);
      lastOpen = found;
    }
  }

  @Override
  public Instant addBusinessTime(Instant start, Duration duration) {
    requireNonNull(duration, "duration must not be null");
    return deadline(start, duration)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    String.format(
                        "no deadline %s after %s within %s years (or before %s): %s leaves too"
                            + " little open time",
                        duration, start, HORIZON_YEARS, LATEST, this)));
  }

  /**
   * Like {@link #addBusinessTime} but empty, rather than failing, when the open time runs out
   * before the search horizon or the end of the supported range: the SLA engine treats such a
   * target as never due, so no ticket command fails on a far deadline.
   */
  @Override
  public Optional<Instant> deadline(Instant start, Duration duration) {
    long from = toNanos(requireSupported(start, "start"));
    requireNonNull(duration, "duration must not be null");
    checkArgument(!duration.isNegative(), "duration must not be negative, got %s", duration);
    if (duration.toDays() > HORIZON_DAYS) {
      return Optional.empty();
    }
    long remaining = duration.toNanos();
    if (remaining == 0) {
      return Optional.of(start);
    }
    ZoneTable.Cursor walk = table.cursor();
    long firstDay = localDay(from);
    long lastDay = Math.min(firstDay + HORIZON_DAYS, LAST_DAY);
    for (long day = firstDay; day <= lastDay; day++) {
      if (day > firstDay && remaining > weekNanos && steadyWeek(walk, day)) {
        remaining -= weekNanos;
        day += 6;
        continue;
      }
      if (holidays.isHoliday(day)) {
        continue;
      }
      int dow = dayOfWeekIndex(day);
      long[] dayStarts = starts[dow];
      long[] dayEnds = ends[dow];
      long midnight = day * NANOS_PER_DAY;
      for (int i = 0; i < dayStarts.length; i++) {
        long open = Math.max(walk.toInstant(midnight + dayStarts[i]), from);
        long length = walk.toInstant(midnight + dayEnds[i]) - open;
        if (length > 0) {
          if (remaining <= length) {
            return Optional.of(ofNanos(open + remaining));
          }
          remaining -= length;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Duration businessTimeBetween(Instant from, Instant to) {
    long a = toNanos(requireSupported(from, "from"));
    long b = toNanos(requireSupported(to, "to"));
    checkArgument(a <= b, "from %s must not be after to %s", from, to);
    ZoneTable.Cursor walk = table.cursor();
    long firstDay = localDay(a);
    long lastDay = localDay(b);
    long total = 0;
    for (long day = firstDay; day <= lastDay; day++) {
      if (day > firstDay && day + 7 <= lastDay && steadyWeek(walk, day)) {
        total += weekNanos;
        day += 6;
        continue;
      }
      if (holidays.isHoliday(day)) {
        continue;
      }
      int dow = dayOfWeekIndex(day);
      long midnight = day * NANOS_PER_DAY;
      for (int i = 0; i < starts[dow].length; i++) {
        long open = Math.max(walk.toInstant(midnight + starts[dow][i]), a);
        long close = Math.min(walk.toInstant(midnight + ends[dow][i]), b);
        if (close > open) {
          total += close - open;
        }
      }
    }
    return Duration.ofNanos(total);
  }

  @Override
  public boolean isOpen(Instant instant) {
    long at = toNanos(requireSupported(instant, "instant"));
    long day = localDay(at);
    if (holidays.isHoliday(day)) {
      return false;
    }
    ZoneTable.Cursor walk = table.cursor();
    int dow = dayOfWeekIndex(day);
    long midnight = day * NANOS_PER_DAY;
    for (int i = 0; i < starts[dow].length; i++) {
      if (walk.toInstant(midnight + starts[dow][i]) <= at
          && at < walk.toInstant(midnight + ends[dow][i])) {
        return true;
      }
    }
    return false;
  }

  /** True when the seven days from {@code day} have no holiday and no offset change. */
  private boolean steadyWeek(ZoneTable.Cursor walk, long day) {
    long midnight = day * NANOS_PER_DAY;
    return walk.steady(midnight, midnight + 7 * NANOS_PER_DAY)
        && !holidays.anyBetween(day, day + 7);
  }

  private long localDay(long instant) {
    return Math.floorDiv(instant + table.offsetAt(instant), NANOS_PER_DAY);
  }

  /** {@code DayOfWeek.ordinal()} of an epoch day; day 0 (1970-01-01) was a Thursday. */
  private static int dayOfWeekIndex(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7);
  }

  private static Instant requireSupported(Instant instant, String name) {
    requireNonNull(instant, () -> name + " must not be null");
    checkArgument(
        !instant.isBefore(EARLIEST) && instant.isBefore(LATEST),
        "%s must be from %s up to %s, got %s",
        name,
        EARLIEST,
        LATEST,
        instant);
    return instant;
  }

  private static long toNanos(Instant instant) {
    return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
  }

  private static Instant ofNanos(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  @Override
  public String toString() {
    return "SupportHours[" + zone + " " + weekly + ", " + holidays + "]";
  }
}
