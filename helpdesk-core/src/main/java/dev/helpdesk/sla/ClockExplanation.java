package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a clock's deadline is where it is: the target, the support time elapsed so far and the
 * intervals during which the clock was paused.
 *
 * @param promised the target's duration under the policy, empty when the policy promises none
 * @param elapsed support time counted until the instant the explanation was made for
 * @param paused paused intervals; the last one has no end while the clock is still paused
 */
public record ClockExplanation(
    SlaTarget target,
    int cycle,
    ClockStatus status,
    Optional<String> policy,
    Optional<Duration> promised,
    Duration elapsed,
    Optional<Instant> warnAt,
    Optional<Instant> deadline,
    List<PausedInterval> paused,
    List<ClockMark> history) {

  /** A stretch of time the clock did not count. */
  public record PausedInterval(Instant from, Optional<Instant> to) {
    public PausedInterval {
      requireNonNull(from, "from must not be null");
      requireNonNull(to, "to must not be null");
    }
  }

  public ClockExplanation {
    requireNonNull(target, "target must not be null");
    checkArgument(cycle >= 1, "cycle must be at least 1, got %s", cycle);
    requireNonNull(status, "status must not be null");
    requireNonNull(policy, "policy must not be null");
    requireNonNull(promised, "promised must not be null");
    requireNonNull(elapsed, "elapsed must not be null");
    requireNonNull(warnAt, "warnAt must not be null");
    requireNonNull(deadline, "deadline must not be null");
    paused = ImmutableList.copyOf(paused);
    history = ImmutableList.copyOf(history);
  }

  /** What is left of the promised time (negative once breached), empty without a target. */
  public Optional<Duration> remaining() {
    return promised.map(p -> p.minus(elapsed));
  }
}
