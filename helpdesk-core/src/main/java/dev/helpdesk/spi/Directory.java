package dev.helpdesk.spi;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import java.util.Optional;

/**
 * The host application's knowledge of people and plans. The desk asks it who a sender is, which
 * plan a customer has and which departments an agent may work in; it never owns user accounts.
 * Implementations must be thread-safe and should be fast (the desk calls them per command).
 */
public interface Directory {

  /** The customer with this id, if the host knows them. */
  Optional<CustomerProfile> customer(CustomerId id);

  /** The customer using this mail address (case-insensitive), if any. */
  Optional<CustomerProfile> customerByEmail(String email);

  /** The agent with this id, if they are staff of the host. */
  Optional<AgentProfile> agent(AgentId id);

  /** The department with this id, if the host defines it. */
  Optional<Department> department(DepartmentId id);

  /** The plan with this id, if the host sells it. */
  Optional<Plan> plan(PlanId id);
}
