package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.LocalTime;

/**
 * An opening range within one local day, such as 09:00-12:30. Ranges never cross midnight: {@code
 * to} equal to {@link LocalTime#MIDNIGHT} means the end of the day (24:00), so an overnight shift
 * is two ranges on consecutive days.
 *
 * @param from the first open local time (inclusive)
 * @param to the local time the range closes (exclusive); 00:00 means the end of the day
 */
public record TimeRange(LocalTime from, LocalTime to) {
  static final long NANOS_PER_DAY = 86_400_000_000_000L;

  public TimeRange {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    checkArgument(
        to.equals(LocalTime.MIDNIGHT) || from.isBefore(to),
        "time range must start before it ends (00:00 as end means midnight), got %s-%s",
        from,
        to);
  }

  /** Shorthand for {@code new TimeRange(from, to)}. */
  public static TimeRange of(LocalTime from, LocalTime to) {
    return new TimeRange(from, to);
  }

  /** The first open nano of the day. */
  long fromNanoOfDay() {
    return from.toNanoOfDay();
  }

  /** The nano of the day at which the range closes; a full day for a midnight end. */
  long toNanoOfDay() {
    return to.equals(LocalTime.MIDNIGHT) ? NANOS_PER_DAY : to.toNanoOfDay();
  }

  @Override
  public String toString() {
    return from + "-" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString());
  }
}
