package dev.helpdesk.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long something took across a set of tickets: the median and the 90th percentile, both by the
 * nearest-rank rule (the {@code p}-th percentile of {@code n} sorted samples is the sample at
 * 1-based rank {@code ceil(p/100 * n)}), so each is a duration that actually occurred.
 *
 * @param count how many samples were measured
 * @param median the 50th percentile; empty when there are no samples
 * @param p90 the 90th percentile; empty when there are no samples
 */
public record DurationStats(long count, Optional<Duration> median, Optional<Duration> p90) {
  /** No samples. */
  public static final DurationStats NONE = new DurationStats(0, Optional.empty(), Optional.empty());

  public DurationStats {
    checkArgument(count >= 0, "count must not be negative, got %s", count);
    requireNonNull(median, "median must not be null");
    requireNonNull(p90, "p90 must not be null");
    checkArgument(
        median.isPresent() == (count > 0) && p90.isPresent() == (count > 0),
        "median %s and p90 %s must be present exactly when count %s is positive",
        median,
        p90,
        count);
    checkArgument(
        median.isEmpty() || median.get().compareTo(p90.get()) <= 0,
        "median %s must not exceed p90 %s",
        median,
        p90);
  }

  /** The statistics of {@code sorted}, which must be in ascending order. */
  public static DurationStats ofSorted(List<Duration> sorted) {
    if (sorted.isEmpty()) {
      return NONE;
    }
    return new DurationStats(
        sorted.size(), Optional.of(nearestRank(sorted, 50)), Optional.of(nearestRank(sorted, 90)));
  }

  /** The {@code percent}-th percentile, 1-100, by the nearest-rank rule. */
  static Duration nearestRank(List<Duration> sorted, int percent) {
    long rank = ((long) percent * sorted.size() + 99) / 100;
    return sorted.get((int) rank - 1);
  }
}
