package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA policies of a desk, in declaration order. {@link #select} picks the policy for a ticket
 * with this precedence:
 *
 * <ol>
 *   <li>only policies whose every set criterion matches are candidates;
 *   <li>the candidate matching the most criteria (department, priority, plan) wins;
 *   <li>among those, the plan criterion outranks department, which outranks priority (so plan +
 *       priority beats department + priority, and plan alone beats department alone);
 *   <li>among equally specific policies, the one declared first wins.
 * </ol>
 */
public final class SlaPolicies {
  private final List<SlaPolicy> policies;

  private SlaPolicies(List<SlaPolicy> policies) {
    this.policies = ImmutableList.copyOf(policies);
    Set<String> names = new HashSet<>();
    for (SlaPolicy policy : this.policies) {
      checkArgument(
          names.add(policy.name()), "policy names must be unique, '%s' repeats", policy.name());
    }
  }

  /** The given policies, in this order. */
  public static SlaPolicies of(List<SlaPolicy> policies) {
    requireNonNull(policies, "policies must not be null");
    return new SlaPolicies(policies);
  }

  /** The given policies, in this order. */
  public static SlaPolicies of(SlaPolicy... policies) {
    return of(List.of(policies));
  }

  /**
   * One policy per priority, for any department and plan, with R6's sane targets: first response
   * urgent 15 min, high 1 h, normal 4 h, low 24 h; next response urgent 30 min, high 2 h, normal 8
   * h, low 24 h; resolution urgent 4 h, high 1 day, normal 3 days, low 5 days. Warnings at 75 %;
   * clocks keep running on hold.
   */
  public static SlaPolicies defaults(SupportHours hours) {
    requireNonNull(hours, "hours must not be null");
    return of(
        standard(
            Priority.URGENT,
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(4),
            hours),
        standard(
            Priority.HIGH, Duration.ofHours(1), Duration.ofHours(2), Duration.ofDays(1), hours),
        standard(
            Priority.NORMAL, Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(3), hours),
        standard(
            Priority.LOW, Duration.ofHours(24), Duration.ofHours(24), Duration.ofDays(5), hours));
  }

  private static SlaPolicy standard(
      Priority priority, Duration first, Duration next, Duration resolution, SupportHours hours) {
    return new SlaPolicy(
        "default-" + priority.name().toLowerCase(java.util.Locale.ROOT),
        Optional.empty(),
        Optional.of(priority),
        Optional.empty(),
        SlaTargets.of(first, next, resolution),
        0.75,
        false,
        hours);
  }

  /** The policy for a ticket, by the precedence above; empty when none matches. */
  public Optional<SlaPolicy> select(
      DepartmentId department, Priority priority, Optional<PlanId> plan) {
    SlaPolicy best = null;
    for (SlaPolicy policy : policies) {
      if (policy.matches(department, priority, plan)
          && (best == null || policy.specificity() > best.specificity())) {
        best = policy;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The policy with this name, if declared. */
  public Optional<SlaPolicy> named(String name) {
    requireNonNull(name, "name must not be null");
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** All policies in declaration order. */
  public List<SlaPolicy> all() {
    return policies;
  }

  @Override
  public String toString() {
    return "SlaPolicies" + policies.stream().map(SlaPolicy::name).toList();
  }
}
