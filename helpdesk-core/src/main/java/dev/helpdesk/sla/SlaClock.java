package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One cycle of one SLA target of a ticket: its history and the instants derived from it under the
 * policy in force. First response and resolution have one cycle; next response starts a new cycle
 * for each customer message awaiting a staff reply.
 *
 * @param warnAt when the warning fraction of the target is (or was) reached; empty while paused or
 *     stopped short of it, or without a target
 * @param deadline when the target is (or was) reached; empty while paused or stopped short of it,
 *     or without a target
 * @param handled the warnings and breaches of this cycle already acted on (each happens once)
 */
public record SlaClock(
    SlaTarget target,
    int cycle,
    List<ClockMark> history,
    Optional<Instant> warnAt,
    Optional<Instant> deadline,
    Set<SlaDue.Kind> handled) {

  public SlaClock {
    requireNonNull(target, "target must not be null");
    checkArgument(cycle >= 1, "cycle must be at least 1, got %s", cycle);
    history = ImmutableList.copyOf(history);
    checkArgument(
        !history.isEmpty() && history.get(0).action() == ClockAction.START,
        "a clock history must begin with START, got %s",
        history);
    for (int i = 1; i < history.size(); i++) {
      checkArgument(
          !history.get(i).at().isBefore(history.get(i - 1).at()),
          "clock history must be in time order, got %s",
          history);
      checkArgument(
          allowed(status(history.get(i - 1).action()), history.get(i).action(), target),
          "%s cannot follow %s in the %s clock history %s",
          history.get(i).action(),
          history.get(i - 1).action(),
          target,
          history);
    }
    requireNonNull(warnAt, "warnAt must not be null");
    requireNonNull(deadline, "deadline must not be null");
    handled = Sets.immutableEnumSet(handled);
  }

  /** A clock started at {@code at}. */
  public static SlaClock started(SlaTarget target, int cycle, Instant at) {
    return new SlaClock(
        target,
        cycle,
        List.of(new ClockMark(ClockAction.START, at)),
        Optional.empty(),
        Optional.empty(),
        EnumSet.noneOf(SlaDue.Kind.class));
  }

  /** Whether the clock is counting, paused or done, from its last history entry. */
  public ClockStatus status() {
    return status(history.get(history.size() - 1).action());
  }

  /** This clock with one more history entry; an entry before the last one is moved up to it. */
  public SlaClock with(ClockAction action, Instant at) {
    Instant last = history.get(history.size() - 1).at();
    ClockMark mark = new ClockMark(action, at.isBefore(last) ? last : at);
    return new SlaClock(
        target,
        cycle,
        ImmutableList.<ClockMark>builder().addAll(history).add(mark).build(),
        warnAt,
        deadline,
        handled);
  }

  /** This clock with the warning and deadline instants derived under the policy in force. */
  public SlaClock withDerived(Optional<Instant> warnAt, Optional<Instant> deadline) {
    return new SlaClock(target, cycle, history, warnAt, deadline, handled);
  }

  /** This clock with its warning or breach marked as acted on. */
  public SlaClock withHandled(SlaDue.Kind kind) {
    Set<SlaDue.Kind> kinds = EnumSet.of(kind);
    kinds.addAll(handled);
    return new SlaClock(target, cycle, history, warnAt, deadline, kinds);
  }

  /** Whether this cycle's warning or breach was already acted on. */
  public boolean isHandled(SlaDue.Kind kind) {
    return handled.contains(kind);
  }

  private static ClockStatus status(ClockAction action) {
    return switch (action) {
      case START, RESUME -> ClockStatus.RUNNING;
      case PAUSE -> ClockStatus.PAUSED;
      case STOP -> ClockStatus.STOPPED;
    };
  }

  /** Only a resolution clock resumes after a stop: a reopened ticket was not solved after all. */
  private static boolean allowed(ClockStatus from, ClockAction action, SlaTarget target) {
    return switch (action) {
      case START -> false;
      case PAUSE -> from == ClockStatus.RUNNING;
      case RESUME ->
          from == ClockStatus.PAUSED
              || (from == ClockStatus.STOPPED && target == SlaTarget.RESOLUTION);
      case STOP -> from != ClockStatus.STOPPED;
    };
  }
}
