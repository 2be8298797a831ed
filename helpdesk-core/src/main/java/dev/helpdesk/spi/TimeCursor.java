package dev.helpdesk.spi;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.TicketId;
import java.time.Instant;

/**
 * The keyset position after the last ticket of a page ordered by an instant and then the ticket id:
 * due tickets by their next check, tickets of a period by their opening.
 */
public record TimeCursor(Instant at, TicketId ticket) {
  public TimeCursor {
    requireNonNull(at, "at must not be null");
    requireNonNull(ticket, "ticket must not be null");
  }
}
