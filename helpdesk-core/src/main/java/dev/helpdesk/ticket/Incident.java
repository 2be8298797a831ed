package dev.helpdesk.ticket;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Limits;
import java.time.Instant;
import java.util.Optional;

/**
 * One fault that hits many customers at once (R20): staff link the affected tickets to it, fix it
 * once and post one update to all of them.
 */
public record Incident(
    IncidentId id, String title, AgentId openedBy, Instant openedAt, Optional<Instant> resolvedAt) {
  public Incident {
    requireNonNull(id, "id must not be null");
    requireNonNull(title, "title must not be null");
    checkArgument(
        !title.isBlank() && title.length() <= Limits.SUBJECT_MAX,
        "incident title must be 1-%s characters, got '%s'",
        Limits.SUBJECT_MAX,
        title);
    requireNonNull(openedBy, "openedBy must not be null");
    requireNonNull(openedAt, "openedAt must not be null");
    requireNonNull(resolvedAt, "resolvedAt must not be null");
  }
}
