package dev.helpdesk.spi;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Tier;
import java.util.Set;

/**
 * What the host tells the desk about a staff member: the departments they may see and act in (an
 * outsourced team gets only its own) and the highest tier they work at.
 */
public record AgentProfile(
    AgentId id, String displayName, String email, Set<DepartmentId> departments, Tier tier) {
  public AgentProfile {
    requireNonNull(id, "id must not be null");
    requireNonNull(displayName, "displayName must not be null");
    requireNonNull(email, "email must not be null");
    departments = ImmutableSet.copyOf(departments);
    requireNonNull(tier, "tier must not be null");
  }

  /** Whether this agent may see and act on tickets of the department. */
  public boolean reaches(DepartmentId department) {
    return departments.contains(department);
  }
}
