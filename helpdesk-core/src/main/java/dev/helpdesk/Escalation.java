package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.Tier;

/** The command that moves a ticket to another tier (usually up, L1 to L2), with a reason (R8). */
public record Escalation(TicketRef ticket, Actor actor, Tier to, String reason) {
  public Escalation {
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(actor, "actor must not be null");
    requireNonNull(to, "to must not be null");
    Checks.reason(reason);
  }
}
