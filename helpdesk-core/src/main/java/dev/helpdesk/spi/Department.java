package dev.helpdesk.spi;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import java.util.Optional;

/** A department as the host defines it, with an optional lead to notify on escalations. */
public record Department(DepartmentId id, String name, Optional<AgentId> lead) {
  public Department {
    requireNonNull(id, "id must not be null");
    requireNonNull(name, "name must not be null");
    requireNonNull(lead, "lead must not be null");
  }
}
