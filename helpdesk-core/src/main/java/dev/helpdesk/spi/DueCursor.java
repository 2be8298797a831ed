package dev.helpdesk.spi;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.TicketId;
import java.time.Instant;

/** The keyset position after the last ticket of a page of due tickets. */
public record DueCursor(Instant deadline, TicketId ticket) {
  public DueCursor {
    requireNonNull(deadline, "deadline must not be null");
    requireNonNull(ticket, "ticket must not be null");
  }
}
