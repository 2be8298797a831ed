package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/** Support around the clock. */
final class AlwaysOpen implements SupportHours {
  static final AlwaysOpen INSTANCE = new AlwaysOpen();

  private AlwaysOpen() {}

  @Override
  public Instant addBusinessTime(Instant start, Duration duration) {
    requireNonNull(start, "start must not be null");
    requireNonNull(duration, "duration must not be null");
    checkArgument(!duration.isNegative(), "duration must not be negative, got %s", duration);
    return start.plus(duration);
  }

  @Override
  public Duration businessTimeBetween(Instant from, Instant to) {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    checkArgument(!to.isBefore(from), "from %s must not be after to %s", from, to);
    return Duration.between(from, to);
  }

  @Override
  public boolean isOpen(Instant instant) {
    requireNonNull(instant, "instant must not be null");
    return true;
  }

  @Override
  public String toString() {
    return "SupportHours[24/7]";
  }
}
