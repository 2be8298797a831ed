package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SLA clocks of one ticket, kept on the ticket so deadlines can be explained and recomputed.
 * Built by the desk's SLA engine; a plain record of records so stores can serialize it generically.
 *
 * @param nextDeadline the earliest deadline of a running clock; queues sort by it (R7)
 * @param nextCheck the earliest instant at which an SLA check has something to do (a warning or a
 *     breach); stores index it so due tickets are found without scanning
 * @param policy the name of the {@link SlaPolicy} the deadlines were computed with
 * @param clocks the clock cycles still of interest, in the order they started
 */
public record SlaState(
    Optional<Instant> nextDeadline,
    Optional<Instant> nextCheck,
    Optional<String> policy,
    List<SlaClock> clocks) {
  /** No clock running: nothing is due. */
  public static final SlaState NONE =
      new SlaState(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  /**
   * Validates that, when clocks are present, {@code nextDeadline} and {@code nextCheck} are the
   * ones they imply; without clocks any instants are kept as given.
   */
  public SlaState {
    requireNonNull(nextDeadline, "nextDeadline must not be null");
    requireNonNull(nextCheck, "nextCheck must not be null");
    requireNonNull(policy, "policy must not be null");
    clocks = ImmutableList.copyOf(clocks);
    if (!clocks.isEmpty()) {
      checkArgument(
          nextDeadline.equals(nextDeadline(clocks)) && nextCheck.equals(nextCheck(clocks)),
          "nextDeadline %s and nextCheck %s disagree with the clocks %s",
          nextDeadline,
          nextCheck,
          clocks);
    }
  }

  /** A state with {@code nextDeadline} and {@code nextCheck} derived from the clocks. */
  public static SlaState of(Optional<String> policy, List<SlaClock> clocks) {
    return new SlaState(nextDeadline(clocks), nextCheck(clocks), policy, clocks);
  }

  /** The clock of this target and cycle, if still kept. */
  public Optional<SlaClock> clock(SlaTarget target, int cycle) {
    requireNonNull(target, "target must not be null");
    return clocks.stream().filter(c -> c.target() == target && c.cycle() == cycle).findFirst();
  }

  /** The latest cycle of this target, if it ever started. */
  public Optional<SlaClock> latest(SlaTarget target) {
    requireNonNull(target, "target must not be null");
    return clocks.stream().filter(c -> c.target() == target).reduce((a, b) -> b);
  }

  private static Optional<Instant> nextDeadline(List<SlaClock> clocks) {
    return clocks.stream()
        .filter(c -> c.status() == ClockStatus.RUNNING)
        .flatMap(c -> c.deadline().stream())
        .min(Instant::compareTo);
  }

  private static Optional<Instant> nextCheck(List<SlaClock> clocks) {
    return clocks.stream().flatMap(SlaState::pendingChecks).min(Instant::compareTo);
  }

  /** A breach is pending once reached until handled; a warning only while its clock runs. */
  static Stream<Instant> pendingChecks(SlaClock clock) {
    if (clock.isHandled(SlaDue.Kind.BREACH)) {
      return Stream.empty();
    }
    Stream<Instant> warning =
        clock.status() == ClockStatus.RUNNING && !clock.isHandled(SlaDue.Kind.WARNING)
            ? clock.warnAt().stream()
            : Stream.empty();
    return Stream.concat(warning, clock.deadline().stream());
  }
}
