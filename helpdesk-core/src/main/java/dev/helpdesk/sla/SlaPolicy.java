package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import java.util.Optional;

/**
 * Targets promised to the tickets that match a department, a priority and a customer plan; an empty
 * criterion matches anything. The hours belong to the policy because the plan bought decides them
 * (R17).
 *
 * @param name unique within {@link SlaPolicies}; SLA state records it to explain deadlines
 * @param warningFraction how much of a target may elapse before a warning, in (0, 1)
 * @param pauseOnHold whether clocks also pause while the ticket is on hold
 */
public record SlaPolicy(
    String name,
    Optional<DepartmentId> department,
    Optional<Priority> priority,
    Optional<PlanId> plan,
    SlaTargets targets,
    double warningFraction,
    boolean pauseOnHold,
    SupportHours hours) {
  /** Longest accepted name, so a store can index it. */
  public static final int MAX_NAME_LENGTH = 64;

  public SlaPolicy {
    requireNonNull(name, "name must not be null");
    checkArgument(
        !name.isBlank() && name.length() <= MAX_NAME_LENGTH && name.equals(name.strip()),
        "policy name must be 1-%s characters without surrounding blanks, got '%s'",
        MAX_NAME_LENGTH,
        name);
    requireNonNull(department, "department must not be null");
    requireNonNull(priority, "priority must not be null");
    requireNonNull(plan, "plan must not be null");
    requireNonNull(targets, "targets must not be null");
    checkArgument(
        warningFraction > 0 && warningFraction < 1,
        "warningFraction must be between 0 and 1 (exclusive), got %s",
        warningFraction);
    requireNonNull(hours, "hours must not be null");
  }

  /** Whether every criterion this policy sets equals the ticket's. */
  public boolean matches(DepartmentId department, Priority priority, Optional<PlanId> plan) {
    requireNonNull(department, "department must not be null");
    requireNonNull(priority, "priority must not be null");
    requireNonNull(plan, "plan must not be null");
    return this.department.map(department::equals).orElse(true)
        && this.priority.map(priority::equals).orElse(true)
        && this.plan.map(p -> plan.isPresent() && p.equals(plan.get())).orElse(true);
  }

  /**
   * How specific the policy is: more criteria first, then plan over department over priority. A
   * bigger number wins in {@link SlaPolicies#select}.
   */
  int specificity() {
    int count =
        (plan.isPresent() ? 1 : 0)
            + (department.isPresent() ? 1 : 0)
            + (priority.isPresent() ? 1 : 0);
    int rank =
        (plan.isPresent() ? 4 : 0)
            + (department.isPresent() ? 2 : 0)
            + (priority.isPresent() ? 1 : 0);
    return count * 8 + rank;
  }
}
