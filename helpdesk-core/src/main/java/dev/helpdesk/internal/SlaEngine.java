package dev.helpdesk.internal;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.sla.ClockAction;
import dev.helpdesk.sla.ClockExplanation;
import dev.helpdesk.sla.ClockMark;
import dev.helpdesk.sla.ClockStatus;
import dev.helpdesk.sla.SlaClock;
import dev.helpdesk.sla.SlaDue;
import dev.helpdesk.sla.SlaPolicies;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSignal;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pure SLA computation: from a ticket's clock state and what an event means for it ({@link
 * SlaSignal}), the next clock state; and from a state and an instant, the warnings and breaches
 * due. It keeps no state and never reads a clock, so it is thread-safe and easy to test.
 *
 * <p>Clock rules. Opening a ticket starts first response and resolution. A public staff reply (or
 * resolution proposal) stops first response and the open next-response cycle. A public message from
 * anyone else (the customer, or mail intake acting for them) starts a new next-response cycle once
 * first response is over, unless one is already waiting. Waiting on the customer and a proposed
 * resolution pause all running clocks, on hold pauses them when the policy says so, and back to
 * open resumes them; closed, merged and spam stop them. A reopened ticket resumes its resolution
 * clock.
 *
 * <p>Deadlines are recomputed from the kept history after every event with the policy selected for
 * the ticket's department, priority and plan at that moment, so a change of priority, department or
 * plan keeps the support time elapsed and only moves the targets. The whole history is measured
 * with the selected policy's hours. Warnings and breaches already handled stay handled.
 */
public final class SlaEngine {
  private final SlaPolicies policies;

  public SlaEngine(SlaPolicies policies) {
    this.policies = requireNonNull(policies, "policies must not be null");
  }

  /** The policies this engine selects from. */
  public SlaPolicies policies() {
    return policies;
  }

  /**
   * The clock state after the event {@code signal} stands for.
   *
   * @param plan the plan of the ticket's customer, empty when the requester is unknown
   */
  public SlaState onEvent(SlaState before, SlaSignal signal, Optional<PlanId> plan) {
    requireNonNull(before, "before must not be null");
    requireNonNull(signal, "signal must not be null");
    requireNonNull(plan, "plan must not be null");
    Optional<SlaPolicy> policy = policies.select(signal.department(), signal.priority(), plan);
    Instant at = signal.at();
    List<SlaClock> clocks = new ArrayList<>(before.clocks());
    if (signal.kind() == SlaSignal.Kind.OPENED
        && latest(clocks, SlaTarget.FIRST_RESPONSE).isEmpty()) {
      clocks.add(SlaClock.started(SlaTarget.FIRST_RESPONSE, 1, at));
      clocks.add(SlaClock.started(SlaTarget.RESOLUTION, 1, at));
    } else if (signal.kind() == SlaSignal.Kind.STAFF_REPLY) {
      stopIfActive(clocks, SlaTarget.FIRST_RESPONSE, at);
      stopIfActive(clocks, SlaTarget.NEXT_RESPONSE, at);
    } else if (signal.kind() == SlaSignal.Kind.CUSTOMER_MESSAGE
        && !isActive(latest(clocks, SlaTarget.FIRST_RESPONSE))
        && !isActive(latest(clocks, SlaTarget.NEXT_RESPONSE))) {
      int cycle = latest(clocks, SlaTarget.NEXT_RESPONSE).map(SlaClock::cycle).orElse(0) + 1;
      clocks.add(SlaClock.started(SlaTarget.NEXT_RESPONSE, cycle, at));
    }
    boolean pauseOnHold = policy.map(SlaPolicy::pauseOnHold).orElse(false);
    ClockStatus wanted = wanted(signal.status(), pauseOnHold);
    clocks.replaceAll(clock -> follow(clock, wanted, at));
    // a cycle that was already over keeps the verdict of the policy it ran under
    clocks.replaceAll(
        clock ->
            clock.status() == ClockStatus.STOPPED && before.clocks().contains(clock)
                ? clock
                : derive(clock, policy));
    return SlaState.of(policy.map(SlaPolicy::name), prune(clocks));
  }

  /** The warnings and breaches due at {@code now} and not yet handled, earliest first. */
  public List<SlaDue> due(SlaState state, Instant now) {
    requireNonNull(state, "state must not be null");
    requireNonNull(now, "now must not be null");
    List<SlaDue> due = new ArrayList<>();
    for (SlaClock clock : state.clocks()) {
      if (clock.isHandled(SlaDue.Kind.BREACH) || clock.deadline().isEmpty()) {
        continue;
      }
      Instant deadline = clock.deadline().get();
      if (!now.isBefore(deadline)) {
        due.add(new SlaDue(clock.target(), clock.cycle(), SlaDue.Kind.BREACH, deadline, deadline));
      } else if (clock.status() == ClockStatus.RUNNING
          && !clock.isHandled(SlaDue.Kind.WARNING)
          && clock.warnAt().filter(w -> !now.isBefore(w)).isPresent()) {
        due.add(
            new SlaDue(
                clock.target(),
                clock.cycle(),
                SlaDue.Kind.WARNING,
                clock.warnAt().get(),
                deadline));
      }
    }
    due.sort(Comparator.comparing(SlaDue::dueAt).thenComparing(SlaDue::target));
    return List.copyOf(due);
  }

  /**
   * The state with {@code due} marked handled, so it is never due again. Unchanged when its cycle
   * is no longer kept (another node handled and dropped it).
   */
  public SlaState handled(SlaState state, SlaDue due) {
    requireNonNull(state, "state must not be null");
    requireNonNull(due, "due must not be null");
    List<SlaClock> clocks = new ArrayList<>(state.clocks());
    clocks.replaceAll(
        clock ->
            clock.target() == due.target() && clock.cycle() == due.cycle()
                ? clock.withHandled(due.kind())
                : clock);
    return SlaState.of(state.policy(), prune(clocks));
  }

  /**
   * A key naming one warning or breach of one ticket, {@code sla:<ticket>:<target>:<cycle>:<kind>};
   * stores make it unique so each happens exactly once, also with several nodes checking.
   */
  public static String onceKey(TicketId ticket, SlaDue due) {
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(due, "due must not be null");
    return "sla:" + ticket + ":" + due.target() + ":" + due.cycle() + ":" + due.kind();
  }

  /**
   * Each kept clock explained at {@code now}: support time elapsed, paused intervals, target and
   * deadline, measured with the hours of the state's policy (24/7 when that policy no longer
   * exists).
   */
  public List<ClockExplanation> explain(SlaState state, Instant now) {
    requireNonNull(state, "state must not be null");
    requireNonNull(now, "now must not be null");
    Optional<SlaPolicy> policy = state.policy().flatMap(policies::named);
    SupportHours hours = policy.map(SlaPolicy::hours).orElse(SupportHours.always());
    List<ClockExplanation> explanations = new ArrayList<>();
    for (SlaClock clock : state.clocks()) {
      Duration elapsed = Duration.ZERO;
      List<ClockExplanation.PausedInterval> paused = new ArrayList<>();
      Instant runningSince = null;
      Instant pausedSince = null;
      for (ClockMark mark : clock.history()) {
        switch (mark.action()) {
          case START, RESUME -> {
            if (pausedSince != null) {
              paused.add(new ClockExplanation.PausedInterval(pausedSince, Optional.of(mark.at())));
              pausedSince = null;
            }
            runningSince = mark.at();
          }
          case PAUSE, STOP -> {
            if (runningSince != null) {
              elapsed = elapsed.plus(hours.businessTimeBetween(runningSince, mark.at()));
            }
            if (pausedSince != null) {
              paused.add(new ClockExplanation.PausedInterval(pausedSince, Optional.of(mark.at())));
            }
            runningSince = null;
            pausedSince = mark.action() == ClockAction.PAUSE ? mark.at() : null;
          }
        }
      }
      if (runningSince != null && now.isAfter(runningSince)) {
        elapsed = elapsed.plus(hours.businessTimeBetween(runningSince, now));
      }
      if (pausedSince != null) {
        paused.add(new ClockExplanation.PausedInterval(pausedSince, Optional.empty()));
      }
      explanations.add(
          new ClockExplanation(
              clock.target(),
              clock.cycle(),
              clock.status(),
              policy.map(SlaPolicy::name),
              policy.flatMap(p -> p.targets().of(clock.target())),
              elapsed,
              clock.warnAt(),
              clock.deadline(),
              paused,
              clock.history()));
    }
    return List.copyOf(explanations);
  }

  private static ClockStatus wanted(TicketStatus status, boolean pauseOnHold) {
    return switch (status) {
      case OPEN -> ClockStatus.RUNNING;
      case ON_HOLD -> pauseOnHold ? ClockStatus.PAUSED : ClockStatus.RUNNING;
      case WAITING_ON_CUSTOMER, RESOLUTION_PROPOSED -> ClockStatus.PAUSED;
      case CLOSED, MERGED, SPAM -> ClockStatus.STOPPED;
    };
  }

  /** Moves a clock to the status the ticket wants; only resolution comes back from a stop. */
  private static SlaClock follow(SlaClock clock, ClockStatus wanted, Instant at) {
    ClockStatus current = clock.status();
    if (current == wanted
        || (current == ClockStatus.STOPPED && clock.target() != SlaTarget.RESOLUTION)) {
      return clock;
    }
    return switch (wanted) {
      case STOPPED -> clock.with(ClockAction.STOP, at);
      case RUNNING -> clock.with(ClockAction.RESUME, at);
      case PAUSED ->
          current == ClockStatus.STOPPED
              ? clock.with(ClockAction.RESUME, at).with(ClockAction.PAUSE, at)
              : clock.with(ClockAction.PAUSE, at);
    };
  }

  private static void stopIfActive(List<SlaClock> clocks, SlaTarget target, Instant at) {
    clocks.replaceAll(
        clock ->
            clock.target() == target && clock.status() != ClockStatus.STOPPED
                ? clock.with(ClockAction.STOP, at)
                : clock);
  }

  private static boolean isActive(Optional<SlaClock> clock) {
    return clock.filter(c -> c.status() != ClockStatus.STOPPED).isPresent();
  }

  private static Optional<SlaClock> latest(List<SlaClock> clocks, SlaTarget target) {
    return clocks.stream().filter(c -> c.target() == target).reduce((a, b) -> b);
  }

  /** Warning and deadline instants of a clock under {@code policy}, from its whole history. */
  private static SlaClock derive(SlaClock clock, Optional<SlaPolicy> policy) {
    Optional<Duration> target = policy.flatMap(p -> p.targets().of(clock.target()));
    if (target.isEmpty()) {
      return clock.withDerived(Optional.empty(), Optional.empty());
    }
    SupportHours hours = policy.get().hours();
    long warnNanos =
        Math.max(1, Math.round(target.get().toNanos() * policy.get().warningFraction()));
    return clock.withDerived(
        reached(clock, Duration.ofNanos(warnNanos), hours), reached(clock, target.get(), hours));
  }

  /** When the clock's counted support time reaches {@code amount}; empty if it stopped short. */
  private static Optional<Instant> reached(SlaClock clock, Duration amount, SupportHours hours) {
    Duration remaining = amount;
    Instant runningSince = null;
    for (ClockMark mark : clock.history()) {
      if (mark.action() == ClockAction.START || mark.action() == ClockAction.RESUME) {
        runningSince = mark.at();
      } else if (runningSince != null) {
        Duration counted = hours.businessTimeBetween(runningSince, mark.at());
        if (counted.compareTo(remaining) >= 0) {
          return hours.deadline(runningSince, remaining);
        }
        remaining = remaining.minus(counted);
        runningSince = null;
      }
    }
    return runningSince == null ? Optional.empty() : hours.deadline(runningSince, remaining);
  }

  /**
   * Drops next-response cycles that are over and owe nothing (stopped, and either never breached or
   * with the breach handled), keeping the latest so cycle numbers continue.
   */
  private static List<SlaClock> prune(List<SlaClock> clocks) {
    Optional<SlaClock> latestNext = latest(clocks, SlaTarget.NEXT_RESPONSE);
    List<SlaClock> kept = new ArrayList<>(clocks.size());
    for (SlaClock clock : clocks) {
      boolean finishedCycle =
          clock.target() == SlaTarget.NEXT_RESPONSE
              && clock.status() == ClockStatus.STOPPED
              && !latestNext.get().equals(clock)
              && (clock.deadline().isEmpty() || clock.isHandled(SlaDue.Kind.BREACH));
      if (!finishedCycle) {
        kept.add(clock);
      }
    }
    return kept;
  }
}
