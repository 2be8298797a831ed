package dev.helpdesk.sla;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When support works (R17): around the clock, or a weekly schedule in a time zone minus holidays.
 * SLA clocks only run while support is open, so deadlines follow the promise the customer bought.
 *
 * <p>Time-zone changes follow the wall clock of the zone. An opening time that does not exist (in a
 * spring-forward gap) counts as the instant of the transition, so a range that spans the gap is
 * shorter that day; a local time that occurs twice (in a fall-back overlap) means its first
 * occurrence, so a range spanning the overlap is longer that day. Business-hours calendars accept
 * instants from 1900 up to (not including) 2200.
 */
public sealed interface SupportHours permits AlwaysOpen, WeeklyHours {

  /** Support around the clock: business time is wall time. */
  static SupportHours always() {
    return AlwaysOpen.INSTANCE;
  }

  /**
   * A weekly schedule in {@code zone}; days missing from {@code weekly} are closed, and dates for
   * which {@code holidays} is true are closed all day. The predicate is asked once per date
   * examined, so it must be fast and thread-safe; a date set is faster.
   *
   * @throws IllegalArgumentException when ranges of a day overlap, the week has no open time, or
   *     the holidays close support for more than 366 days in a row anywhere from 1900 to 2200 (such
   *     a calendar can keep no promise, so it is refused here rather than failing a ticket later)
   */
  static SupportHours businessHours(
      ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Predicate<LocalDate> holidays) {
    requireNonNull(holidays, "holidays must not be null");
    return new WeeklyHours(zone, weekly, new HolidayCalendar.ByPredicate(holidays));
  }

  /**
   * A weekly schedule in {@code zone} closed on the given holiday dates.
   *
   * @throws IllegalArgumentException on the same grounds as the predicate form
   */
  static SupportHours businessHours(
      ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays) {
    requireNonNull(holidays, "holidays must not be null");
    return new WeeklyHours(zone, weekly, HolidayCalendar.ofDates(holidays));
  }

  /**
   * The instant at which {@code duration} of open time has passed since {@code start}. For a
   * positive duration support is open just before the returned instant; a zero duration returns
   * {@code start}.
   *
   * @throws IllegalStateException when the open time runs out before 2200 or 100 years after {@code
   *     start}; the SLA engine treats such a target as never due instead
   */
  Instant addBusinessTime(Instant start, Duration duration);

  /**
   * The instant {@code duration} of support time after {@code start}, like {@link
   * #addBusinessTime}, or empty where the calendar cannot reach it: an SLA target beyond the
   * calendar's reach has no deadline rather than failing a ticket command.
   */
  default Optional<Instant> deadline(Instant start, Duration duration) {
    return Optional.of(addBusinessTime(start, duration));
  }

  /**
   * The open time between {@code from} and {@code to} ({@code from} must not be after {@code to}).
   */
  Duration businessTimeBetween(Instant from, Instant to);

  /** Whether support is open at {@code instant}. */
  boolean isOpen(Instant instant);
}
