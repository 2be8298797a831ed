package dev.helpdesk.event;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.TicketId;
import java.time.Instant;

/** Validation shared by every event record. */
final class Events {
  private Events() {}

  static void requireCommon(TicketId ticket, long version, Actor actor, Instant at) {
    requireNonNull(ticket, "ticket must not be null");
    checkArgument(version >= 1, "event version must be at least 1, got %s", version);
    requireNonNull(actor, "actor must not be null");
    requireNonNull(at, "at must not be null");
  }
}
