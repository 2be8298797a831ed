package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How much support time each promise may take. R6 caps a first response at 24 hours, so a longer
 * first-response target is rejected.
 *
 * @param resolution empty when the policy promises no resolution time
 */
public record SlaTargets(
    Duration firstResponse, Duration nextResponse, Optional<Duration> resolution) {
  /** The longest first-response target any policy may promise (R6). */
  public static final Duration MAX_FIRST_RESPONSE = Duration.ofHours(24);

  public SlaTargets {
    requirePositive(firstResponse, "firstResponse");
    checkArgument(
        firstResponse.compareTo(MAX_FIRST_RESPONSE) <= 0,
        "firstResponse must be at most %s (R6), got %s",
        MAX_FIRST_RESPONSE,
        firstResponse);
    requirePositive(nextResponse, "nextResponse");
    requireNonNull(resolution, "resolution must not be null");
    resolution.ifPresent(r -> requirePositive(r, "resolution"));
  }

  /** Targets for all three promises. */
  public static SlaTargets of(Duration firstResponse, Duration nextResponse, Duration resolution) {
    return new SlaTargets(firstResponse, nextResponse, Optional.of(resolution));
  }

  /** The target for {@code target}, empty when none is promised. */
  public Optional<Duration> of(SlaTarget target) {
    requireNonNull(target, "target must not be null");
    return switch (target) {
      case FIRST_RESPONSE -> Optional.of(firstResponse);
      case NEXT_RESPONSE -> Optional.of(nextResponse);
      case RESOLUTION -> resolution;
    };
  }

  private static void requirePositive(Duration duration, String name) {
    requireNonNull(duration, () -> name + " must not be null");
    checkArgument(
        !duration.isNegative() && !duration.isZero(),
        "%s must be positive, got %s",
        name,
        duration);
  }
}
