package dev.helpdesk.spi;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.PlanId;
import java.util.Optional;

/**
 * What the host tells the desk about a customer.
 *
 * @param seesOrganizationTickets whether this customer may read every ticket of their organization
 */
public record CustomerProfile(
    CustomerId id,
    String displayName,
    String email,
    Optional<OrganizationId> organization,
    boolean seesOrganizationTickets,
    PlanId plan) {
  public CustomerProfile {
    requireNonNull(id, "id must not be null");
    requireNonNull(displayName, "displayName must not be null");
    requireNonNull(email, "email must not be null");
    requireNonNull(organization, "organization must not be null");
    requireNonNull(plan, "plan must not be null");
  }
}
